import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KNOWN_DOCUMENT_TYPES, type InvoiceFieldName, type InvoiceListResponse, type InvoiceResponse } from '@invoice/contracts';
import { apiSend, ApiError, query } from '../lib/api.js';
import { buildCorrection, CORRECTABLE_FIELDS, formValues, isNumericField } from '../lib/correction-form.js';
import { markSeen, readSeen, reviewOrder } from '../lib/review-queue.js';
import { canUpload } from '../lib/jwt.js';
import { useApi } from '../lib/use-api.js';
import { highlightedWords, isLowConfidence, IssuesList, LineItemsTable } from '../components/InvoiceDetails.js';
import { PageImage } from '../components/PageImage.js';
import { EInvoiceBadge, EInvoiceDocument } from '../components/EInvoicePanel.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useSession } from '../session.js';

const QUEUE = `/api/invoices${query({ status: 'needs_review', sort: 'createdAt', order: 'asc', limit: 50 })}`;

/**
 * needs_review invoices, oldest first, those seen in this session behind the others. Tab through the
 * fields, Enter saves (PATCH): the next invoice opens when every check passes; otherwise the failing
 * checks are listed and the person corrects, accepts with a reason, or skips.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [seen, setSeen] = useState<string[]>(() => readSeen());
  const [notice, setNotice] = useState<string>();
  const queue = useApi<InvoiceListResponse>(QUEUE);
  const waiting = reviewOrder(queue.data?.items ?? [], seen);
  const current = waiting[0];
  // Moves on: the current invoice goes behind the others (it stays listed while it needs review).
  const next = (documentId: string, message?: string) => {
    setSeen(markSeen(documentId));
    setNotice(message);
    queue.reload();
  };
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
          onSeen={() => void markSeen(current.documentId)}
          onDone={(message) => next(current.documentId, message)}
          onSkip={() => next(current.documentId)}
        />
      )}
      {current && !doc.error && doc.data?.documentId !== current.documentId && <Loading height={500} />}
    </>
  );
}

interface ReviewFormProps {
  document: InvoiceResponse;
  readOnly: boolean;
  /** Saved with checks still failing: remembered as seen, so a reload does not land on it first. */
  onSeen: () => void;
  /** Done (every check passes, or accepted with a reason): the next invoice opens. */
  onDone: (message: string) => void;
  onSkip: () => void;
}

function ReviewForm({ document: initial, readOnly, onSeen, onDone, onSkip }: ReviewFormProps) {
  const { t } = useTranslation();
  const [document, setDocument] = useState(initial);
  const invoice = document.invoice!;
  const [failing, setFailing] = useState(false);
  const [reason, setReason] = useState('');
  const [values, setValues] = useState(() => formValues(invoice));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState<InvoiceFieldName | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const send = async (accept?: { reason: string }) => {
    if (readOnly) return;
    const { body, errors: invalid } = buildCorrection(invoice as unknown as Record<string, unknown>, values);
    setErrors(invalid);
    if (!body) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await apiSend<InvoiceResponse>('PATCH', `/api/invoices/${document.documentId}`, accept ? { ...body, accept } : body);
      if (saved.status !== 'needs_review') return onDone(t(accept ? 'review.accepted' : 'review.saved'));
      setDocument(saved);
      setValues(formValues(saved.invoice!));
      setFailing(true);
      onSeen();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <div className="row g-3" data-testid="review-form" data-document={document.documentId}>
      <div className="col-12 col-lg-6">
        {document.mimeType === 'application/xml' ? (
          <EInvoiceDocument invoice={invoice} />
        ) : (
          <PageImage documentId={document.documentId} mimeType={document.mimeType} words={invoice.ocr.words} highlight={highlightedWords(invoice, active)} />
        )}
      </div>
      <form className="col-12 col-lg-6" onSubmit={submit} noValidate>
        <p className="small">
          <Link to={`/invoices/${document.documentId}`}>{document.filename}</Link>
        </p>
        <EInvoiceBadge document={document} />
        <IssuesList invoice={invoice} />
        {failing && invoice.issues.length > 0 && (
          <div className="alert alert-warning py-2" role="alert" data-testid="review-failing">
            <p className="mb-2">{t('review.failing')}</p>
            <div className="input-group input-group-sm">
              <label className="visually-hidden" htmlFor="r-accept-reason">
                {t('review.reason')}
              </label>
              <input
                id="r-accept-reason"
                className="form-control"
                placeholder={t('review.reason')}
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  if (reason.trim().length >= 3) void send({ reason: reason.trim() });
                }}
                disabled={busy}
                data-testid="review-reason"
              />
              <button
                type="button"
                className="btn btn-warning"
                disabled={busy || reason.trim().length < 3}
                onClick={() => void send({ reason: reason.trim() })}
                data-testid="review-accept"
              >
                {t('review.accept')}
              </button>
            </div>
          </div>
        )}
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
            <button type="button" className="btn btn-outline-secondary" onClick={onSkip} data-testid="review-skip">
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
