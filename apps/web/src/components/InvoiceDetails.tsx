import { useTranslation } from 'react-i18next';
import { INVOICE_FIELD_NAMES, type InvoiceFieldName, type InvoiceResponse } from '@invoice/contracts';
import type { TFunction } from 'i18next';
import { formatTaxLines } from '../lib/tax-lines.text.js';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../lib/format.js';
import { reasonsByTarget } from '../lib/review-reasons.js';
import { ReasonNotes, ReasonsList } from './ReviewReasons.js';

export type Invoice = NonNullable<InvoiceResponse['invoice']>;

const MONEY_FIELDS = new Set<InvoiceFieldName>(['subtotal', 'taxAmount', 'total', 'amountDue']);
const DATE_FIELDS = new Set<InvoiceFieldName>(['issueDate', 'dueDate']);

export function fieldText(invoice: Invoice, name: InvoiceFieldName, language: string, t?: TFunction): string {
  const value = invoice[name];
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (Array.isArray(value)) return formatTaxLines(value);
  if (name === 'documentType' && t) return t(`documentTypes.${String(value)}`, { defaultValue: String(value) });
  if (typeof value === 'number')
    return MONEY_FIELDS.has(name) ? formatMoney(value, invoice.currency, language) : formatNumber(value, language, 4);
  if (DATE_FIELDS.has(name)) return formatDate(String(value), language);
  return String(value);
}

/** Below its review threshold (the worker listed it as `low_confidence:<field>`): the evidence says the value is doubtful. */
export function isLowConfidence(invoice: Invoice, name: InvoiceFieldName): boolean {
  return invoice.fieldEvidence[name] !== undefined && invoice.issues.includes(`low_confidence:${name}`);
}

/** Every extracted field with its confidence and source; hovering or focusing a row highlights its words on the page. */
export function FieldsTable({
  invoice,
  active,
  onActive,
}: {
  invoice: Invoice;
  active: InvoiceFieldName | null;
  onActive: (name: InvoiceFieldName | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const { byTarget } = reasonsByTarget(invoice.issues);
  return (
    <table className="table table-sm align-middle" data-testid="fields">
      <caption className="caption-top small">{t('invoice.words')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('invoice.fields')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('invoice.value')}</span>
          </th>
          <th scope="col" className="text-end">
            {t('invoice.confidence')}
          </th>
        </tr>
      </thead>
      <tbody>
        {INVOICE_FIELD_NAMES.map((name) => {
          const evidence = invoice.fieldEvidence[name];
          const low = isLowConfidence(invoice, name);
          return (
            <tr
              key={name}
              className={`field-row ${active === name ? 'active' : ''}`}
              tabIndex={0}
              onMouseEnter={() => onActive(name)}
              onMouseLeave={() => onActive(null)}
              onFocus={() => onActive(name)}
              onBlur={() => onActive(null)}
              data-field={name}
            >
              <th scope="row" className="fw-normal text-secondary small">
                {t(`fields.${name}`)}
              </th>
              <td className={low ? 'text-warning-emphasis fw-semibold' : ''} data-testid={`field-${name}`}>
                {fieldText(invoice, name, i18n.language, t)}
                {low && (
                  <span className="badge text-bg-warning ms-2" title={t('invoice.lowConfidence')}>
                    !<span className="visually-hidden">{t('invoice.lowConfidence')}</span>
                  </span>
                )}
                <ReasonNotes reasons={byTarget.get(name) ?? []} />
              </td>
              <td className="text-end small text-secondary">
                {evidence ? `${formatPercent(evidence.confidence, i18n.language)} · ${evidence.source}` : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function LineItemsTable({ invoice }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  if (invoice.lineItems.length === 0) return null;
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={t('invoice.lineItems')}>
      <table className="table table-sm" data-testid="line-items">
        <caption className="caption-top">{t('invoice.lineItems')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoice.description')}</th>
            <th scope="col" className="text-end">
              {t('invoice.quantity')}
            </th>
            <th scope="col" className="text-end">
              {t('invoice.unitPrice')}
            </th>
            <th scope="col" className="text-end">
              {t('invoice.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lineItems.map((item, index) => (
            <tr key={index}>
              <td>{item.description}</td>
              <td className="text-end">{formatNumber(item.quantity, i18n.language, 4)}</td>
              <td className="text-end">{formatMoney(item.unitPrice, invoice.currency, i18n.language)}</td>
              <td className="text-end">{formatMoney(item.amount, invoice.currency, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IssuesList({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  return (
    <section>
      <h2 className="h6">{t('invoice.checks')}</h2>
      {invoice.issues.length === 0 ? (
        <p className="text-success small">{t('invoice.noIssues')}</p>
      ) : (
        <ReasonsList issues={invoice.issues} />
      )}
    </section>
  );
}

/** The words to highlight for the field in focus. */
export function highlightedWords(invoice: Invoice | null | undefined, active: InvoiceFieldName | null): ReadonlySet<number> {
  if (!invoice || !active) return new Set();
  return new Set(invoice.fieldEvidence[active]?.wordIndexes ?? []);
}
