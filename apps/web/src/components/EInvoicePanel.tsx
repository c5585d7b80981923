import { useTranslation } from 'react-i18next';
import type { InvoiceResponse } from '@invoice/contracts';
import { apiBlob } from '../lib/api.js';
import { formatMoney, formatNumber } from '../lib/format.js';

type Invoice = NonNullable<InvoiceResponse['invoice']>;

/** Downloads the e-invoice XML the invoice was read from (fetched with the token). */
async function downloadXml(documentId: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await apiBlob(`/api/invoices/${documentId}/einvoice`));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "E-invoice · CII · EN 16931" and the XML download, when the data came from an e-invoice. */
export function EInvoiceBadge({ document }: { document: InvoiceResponse }) {
  const { t } = useTranslation();
  const source = document.invoice?.einvoice;
  if (!source) return null;
  const name = source.attachment ?? (document.filename.toLowerCase().endsWith('.xml') ? document.filename : `${document.filename}.xml`);
  return (
    <p className="mb-2 d-flex align-items-center gap-2" data-testid="einvoice-badge">
      <span className="badge text-bg-success" title={source.specification ?? undefined}>
        {t('einvoice.badge')} · {source.syntax}
        {source.profile ? ` · ${source.profile}` : ''}
      </span>
      <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void downloadXml(document.documentId, name)}>
        {t('einvoice.download')}
      </button>
    </p>
  );
}

/** A bare XML e-invoice has no page: its parties, references, lines and totals, laid out like one. */
export function EInvoiceDocument({ invoice }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const money = (v: number | null | undefined) => formatMoney(v, invoice.currency, i18n.language);
  return (
    <section className="page-frame border rounded p-3 small" data-testid="einvoice-document" aria-label={t('einvoice.rendering')}>
      <p className="text-secondary">{t('einvoice.noPage')}</p>
      <div className="d-flex justify-content-between gap-3 mb-3">
        <div>
          <strong>{invoice.vendorName}</strong>
          <div>{invoice.vendorAddress}</div>
          {invoice.vendorVatId && <div>{invoice.vendorVatId}</div>}
        </div>
        <div className="text-end">
          <strong>{invoice.customerName}</strong>
          <div>{invoice.customerAddressLine1}</div>
          <div>{invoice.customerAddressLine2}</div>
        </div>
      </div>
      <h2 className="h6">
        {invoice.documentType} {invoice.invoiceNumber} · {invoice.issueDate}
        {invoice.dueDate ? ` → ${invoice.dueDate}` : ''}
      </h2>
      <table className="table table-sm">
        <tbody>
          {invoice.lineItems.map((line, i) => (
            <tr key={i}>
              <td>{line.description}</td>
              <td className="text-end">
                {formatNumber(line.quantity, i18n.language, 2)} {line.unit ?? ''}
              </td>
              <td className="text-end">{money(line.unitPrice)}</td>
              <td className="text-end">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="row mb-0 text-end">
        <dt className="col-8">{t('einvoice.net')}</dt>
        <dd className="col-4">{money(invoice.subtotal)}</dd>
        <dt className="col-8">{t('einvoice.tax')}</dt>
        <dd className="col-4">{money(invoice.taxAmount)}</dd>
        <dt className="col-8">{t('einvoice.total')}</dt>
        <dd className="col-4">{money(invoice.total)}</dd>
        {invoice.prepaidAmount ? (
          <>
            <dt className="col-8">{t('einvoice.prepaid')}</dt>
            <dd className="col-4">{money(invoice.prepaidAmount)}</dd>
          </>
        ) : null}
        <dt className="col-8">{t('einvoice.due')}</dt>
        <dd className="col-4">{money(invoice.amountDue)}</dd>
      </dl>
      {invoice.paymentTerms && <p className="mt-2 mb-0">{invoice.paymentTerms}</p>}
    </section>
  );
}
