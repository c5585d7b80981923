import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KNOWN_DOCUMENT_TYPES, type InvoiceFieldName, type InvoiceListResponse, type InvoiceResponse } from '@invoice/contracts';
import { apiSend, ApiError, query } from '../lib/api.js';
import { buildCorrection, CORRECTABLE_FIELDS, formValues, isNumericField } from '../lib/correction-form.js';
import { canUpload } from '../lib/jwt.js';
import { useApi } from '../lib/use-api.js';
import { highlightedWords, isLowConfidence, IssuesList, LineItemsTable } from '../components/InvoiceDetails.js';
import { PageImage } from '../components/PageImage.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useSession } from '../session.js';

const QUEUE = `/api/invoices${query({ status: 'needs_review', sort: 'createdAt', order: 'asc', limit: 50 })}`;

/** needs_review invoices, oldest first. Tab through the fields, Enter saves (PATCH) and opens the next one. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [skipped, setSkipped] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();
  const queue = useApi<InvoiceListResponse>(QUEUE);
  const waiting = queue.data?.items.filter((item) => !skipped.includes(item.documentId)) ?? [];
  const current = waiting[0];
  const doc = useApi<InvoiceResponse>(current ? `/api/invoices/${current.documentId}` : null);
  const readOnly = !canUpload(user?.role);

  return (
    <>
      <h1 className="h3 d-flex align-items-center gap-2">
        {t('review.title')}
        {queue.data && <span className="badge text-bg-secondary fs-6">{t('review.remaining', { count: waiting.length })}</span>}
      </h1>
      <p className="small text-secondary">{readOnly ? t('review.readonly') : t('review.help')}</p>
      {notice && (
        <div className="alert alert-success py-2" role="status" data-testid="review-notice">
          {notice}
        </div>
      )}
      {queue.error && <ErrorState error={queue.error} onRetry={queue.reload} />}
      {!queue.data && !queue.error && <Loading height={500} />}
      {queue.data && !current && <Empty>{t('review.empty')}</Empty>}
      {doc.error && <ErrorState error={doc.error} onRetry={doc.reload} />}
      {current && doc.data?.documentId === current.documentId && doc.data.invoice && (
        <ReviewForm
          key={doc.data.documentId}
          document={doc.data}
          readOnly={readOnly}
          onSaved={() => {
            setNotice(t('review.saved'));
            queue.reload();
          }}
          onSkip={() => setSkipped((list) => [...list, current.documentId])}
        />
      )}
      {current && !doc.error && doc.data?.documentId !== current.documentId && <Loading height={500} />}
    </>
  );
}

function ReviewForm({ document, readOnly, onSaved, onSkip }: { document: InvoiceResponse; readOnly: boolean; onSaved: () => void; onSkip: () => void }) {
  const { t } = useTranslation();
  const invoice = document.invoice!;
  const [values, setValues] = useState(() => formValues(invoice));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState<InvoiceFieldName | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    const { body, errors: invalid } = buildCorrection(invoice as unknown as Record<string, unknown>, values);
    setErrors(invalid);
    if (!body) return;
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<InvoiceResponse>('PATCH', `/api/invoices/${document.documentId}`, body);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
      setBusy(false);
    }
  };

  return (
    <div className="row g-3" data-testid="review-form" data-document={document.documentId}>
      <div className="col-12 col-lg-6">
        <PageImage documentId={document.documentId} mimeType={document.mimeType} words={invoice.ocr.words} highlight={highlightedWords(invoice, active)} />
      </div>
      <form className="col-12 col-lg-6" onSubmit={(e) => void submit(e)} noValidate>
        <p className="small">
          <Link to={`/invoices/${document.documentId}`}>{document.filename}</Link>
        </p>
        <IssuesList invoice={invoice} />
        {error && <ErrorState error={error} />}
        {Object.keys(errors).length > 0 && <div className="alert alert-danger py-2">{t('review.invalid')}</div>}
        <fieldset disabled={readOnly || busy}>
          {CORRECTABLE_FIELDS.map((name, index) => {
            const low = isLowConfidence(invoice, name as InvoiceFieldName);
            const missing = invoice.issues.includes(`missing:${name}`);
            return (
              <div className="row g-1 mb-1 align-items-center" key={name}>
                <label className="col-5 col-form-label col-form-label-sm" htmlFor={`r-${name}`}>
                  {t(`fields.${name}`)}
                  {(low || missing) && <span className="badge text-bg-warning ms-1">!</span>}
                </label>
                <div className="col-7">
                  <input
                    ref={index === 0 ? first : undefined}
                    id={`r-${name}`}
                    name={name}
                    inputMode={isNumericField(name) ? 'decimal' : undefined}
                    list={name === 'documentType' ? 'r-document-types' : undefined}
                    className={`form-control form-control-sm ${errors[name] ? 'is-invalid' : low || missing ? 'border-warning' : ''}`}
                    value={values[name]}
                    onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                    onFocus={() => setActive(name as InvoiceFieldName)}
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={errors[name] ? `r-${name}-error` : undefined}
                  />
                  {errors[name] && (
                    <div id={`r-${name}-error`} className="invalid-feedback">
                      {errors[name]}
                    </div>
                  )}
                </div>
              </div>
            );
          })}
          <datalist id="r-document-types">
            {KNOWN_DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`documentTypes.${type}`)}
              </option>
            ))}
          </datalist>
          <div className="d-flex gap-2 mt-3">
            <button type="submit" className="btn btn-primary" data-testid="review-save">
              {t('review.save')}
            </button>
            <button type="button" className="btn btn-outline-secondary" onClick={onSkip}>
              {t('review.skip')}
            </button>
          </div>
        </fieldset>
        <div className="mt-3">
          <LineItemsTable invoice={invoice} />
        </div>
      </form>
    </div>
  );
}
