import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InvoiceResponse } from '@invoice/contracts';
import { formatDateTime } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { canUpload } from '../lib/jwt.js';
import { InvoiceView } from '../components/InvoiceView.js';
import { InvoiceActions } from '../components/InvoiceActions.js';
import { InvoiceLineItems } from '../components/InvoiceLineItems.js';
import { useSession } from '../session.js';
import { ErrorState, Loading, StatusBadge } from '../components/states.js';

const PENDING = new Set(['queued', 'processing']);

export function InvoicePage() {
  const { t, i18n } = useTranslation();
  const { documentId } = useParams();
  const { user } = useSession();
  const canCorrect = canUpload(user?.role);
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
          <p className="small text-secondary d-flex flex-wrap gap-2 align-items-center">
            <span>
              {doc.filename} · {formatDateTime(doc.createdAt, i18n.language)}
            </span>
            {canCorrect && invoice && (
              <Link to={`/review/${doc.documentId}`} className="btn btn-sm btn-outline-primary" data-testid="open-review">
                {t('decide.open')}
              </Link>
            )}
          </p>
          <InvoiceActions document={doc} onReprocessed={first.reload} />
          {invoice?.reviewRejection && (
            <div className="alert alert-secondary py-2 small" data-testid="rejection">
              {t('decide.rejection', {
                user: invoice.reviewRejection.username,
                date: formatDateTime(invoice.reviewRejection.rejectedAt, i18n.language),
              })}
              : {t(`decide.outcomes.${invoice.reviewRejection.outcome}`)}
              {invoice.reviewRejection.reason ? ` — ${invoice.reviewRejection.reason}` : ''}
            </div>
          )}
          <InvoiceView
            document={doc}
            lineItems={
              invoice ? (
                <InvoiceLineItems document={doc} canEdit={canCorrect && !PENDING.has(doc.status)} onSaved={() => first.reload()} />
              ) : undefined
            }
          />
          {invoice && (
            <div className="row g-3 mt-1">
              <section className="col-12 col-lg-6">
                <h2 className="h6" id="ocr-text-title">
                  {t('invoice.ocrText')}
                </h2>
                {/* A scrolling box: focusable, so it scrolls from the keyboard too. */}
                <pre
                  className="ocr-text border rounded p-2 bg-body-tertiary"
                  tabIndex={0}
                  aria-labelledby="ocr-text-title"
                  data-testid="ocr-text"
                >
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
                        <div className="fw-semibold">
                          {t('invoice.by', { user: c.username, date: formatDateTime(c.changedAt, i18n.language) })}
                        </div>
                        <ul>
                          {Object.entries(c.changes).map(([name, change]) => (
                            <li key={name}>
                              {t(`fields.${name}`, { defaultValue: name })}: <del>{JSON.stringify(change.from)}</del> →{' '}
                              <ins>{JSON.stringify(change.to)}</ins>
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
