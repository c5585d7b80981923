import { useState, type ReactNode } from 'react';
import type { InvoiceFieldName, InvoiceResponse } from '@invoice/contracts';
import { useTranslation } from 'react-i18next';
import { PageImage } from './PageImage.js';
import { EInvoiceBadge, EInvoiceDocument } from './EInvoicePanel.js';
import { FieldsTable, highlightedWords, IssuesList, LineItemsTable } from './InvoiceDetails.js';
import { formatPercent } from '../lib/format.js';

/** The page with its word boxes beside the fields, line items (the table, or `lineItems` in its place) and checks. */
export function InvoiceView({ document, lineItems }: { document: InvoiceResponse; lineItems?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [active, setActive] = useState<InvoiceFieldName | null>(null);
  const invoice = document.invoice;
  return (
    <div className="row g-3">
      <div className="col-12 col-lg-6">
        {document.mimeType === 'application/xml' ? (
          invoice && <EInvoiceDocument invoice={invoice} />
        ) : (
          <PageImage
            documentId={document.documentId}
            mimeType={document.mimeType}
            words={invoice?.ocr.words ?? []}
            highlight={highlightedWords(invoice, active)}
          />
        )}
      </div>
      <div className="col-12 col-lg-6">
        {invoice ? (
          <>
            <EInvoiceBadge document={document} />
            {document.mimeType !== 'application/xml' && (
              <p className="small text-secondary mb-2">
                {t('invoice.meanConfidence')}: {formatPercent(invoice.ocr.meanConfidence / 100, i18n.language)} · {t('invoice.pages')}:{' '}
                {document.pageCount ?? 1}
              </p>
            )}
            <FieldsTable invoice={invoice} active={active} onActive={setActive} />
            {lineItems ?? <LineItemsTable invoice={invoice} />}
            <IssuesList invoice={invoice} />
          </>
        ) : (
          <p className="text-secondary">{document.error ?? t('invoice.notExtracted')}</p>
        )}
      </div>
    </div>
  );
}
