import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InvoiceResponse } from '@invoice/contracts';
import { formatDateTime } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { InvoiceView } from '../components/InvoiceView.js';
import { ErrorState, Loading, StatusBadge } from '../components/states.js';

const PENDING = new Set(['queued', 'processing']);

export function InvoicePage() {
  const { t, i18n } = useTranslation();
  const { documentId } = useParams();
  const first = useApi<InvoiceResponse>(`/api/invoices/${documentId}`);
  // While the OCR runs, refresh until it ends.
  const live = useApi<InvoiceResponse>(first.data && PENDING.has(first.data.status) ? `/api/invoices/${documentId}` : null, 2000);
  const doc = live.data ?? first.data;
  const invoice = doc?.invoice;

  return (
    <>
      <Link to="/invoices" className="small">
        ← {t('invoice.back')}
      </Link>
      {first.error && <ErrorState error={first.error} onRetry={first.reload} />}
      {!doc && !first.error && <Loading height={500} />}
      {doc && (
        <>
          <h1 className="h3 d-flex flex-wrap align-items-center gap-2 mt-2">
            <span className="text-break">{invoice?.invoiceNumber ?? doc.filename}</span> <StatusBadge status={doc.status} />
          </h1>
          <p className="small text-secondary">
            {doc.filename} · {formatDateTime(doc.createdAt, i18n.language)}
          </p>
          <InvoiceView document={doc} />
          {invoice && (
            <div className="row g-3 mt-1">
              <section className="col-12 col-lg-6">
                <h2 className="h6" id="ocr-text-title">
                  {t('invoice.ocrText')}
                </h2>
                {/* A scrolling box: focusable, so it scrolls from the keyboard too. */}
                <pre className="ocr-text border rounded p-2 bg-body-tertiary" tabIndex={0} aria-labelledby="ocr-text-title" data-testid="ocr-text">
                  {invoice.ocr.text}
                </pre>
              </section>
              <section className="col-12 col-lg-6" data-testid="history">
                <h2 className="h6">{t('invoice.history')}</h2>
                {invoice.corrections.length === 0 ? (
                  <p className="small text-secondary">{t('invoice.noHistory')}</p>
                ) : (
                  <ol className="list-unstyled small">
                    {invoice.corrections.map((c, index) => (
                      <li key={index} className="mb-2">
                        <div className="fw-semibold">{t('invoice.by', { user: c.username, date: formatDateTime(c.changedAt, i18n.language) })}</div>
                        <ul>
                          {Object.entries(c.changes).map(([name, change]) => (
                            <li key={name}>
                              {t(`fields.${name}`, { defaultValue: name })}: <del>{JSON.stringify(change.from)}</del> → <ins>{JSON.stringify(change.to)}</ins>
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </div>
          )}
        </>
      )}
    </>
  );
}
