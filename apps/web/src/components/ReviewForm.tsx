import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KNOWN_DOCUMENT_TYPES, type InvoiceFieldName, type InvoiceResponse, type ReviewRejectionOutcome } from '@invoice/contracts';
import { apiSend, ApiError } from '../lib/api.js';
import { buildCorrection, CORRECTABLE_FIELDS, formValues, isNumericField } from '../lib/correction-form.js';
import { formatPercent } from '../lib/format.js';
import { rowsFromItems } from '../lib/line-items.form.js';
import { hasFinePointer } from '../lib/pointer.js';
import { nextFlagged, reasonsByTarget, type ReviewTarget } from '../lib/review-reasons.js';
import { highlightedWords, isLowConfidence } from './InvoiceDetails.js';
import { LineItemsEditor, typedTotals } from './LineItemsEditor.js';
import { PageImage } from './PageImage.js';
import { EInvoiceBadge, EInvoiceDocument } from './EInvoicePanel.js';
import { ReasonNotes, ReasonsList } from './ReviewReasons.js';
import { ErrorState } from './states.js';

export interface ReviewFormProps {
  document: InvoiceResponse;
  readOnly: boolean;
  /** Saved with checks still failing (it stays on screen); the id of the save when one was recorded. */
  onSaved: (correctionId?: string) => void;
  /** Done (every check passes, accepted with a reason, or rejected): the next invoice opens. */
  onDone: (message: string, correctionId?: string) => void;
  onSkip: () => void;
}

/** The id of the save an answer recorded, when it recorded one. */
const newRecord = (before: InvoiceResponse, after: InvoiceResponse): string | undefined =>
  (after.invoice?.corrections.length ?? 0) > (before.invoice?.corrections.length ?? 0) ? after.invoice!.corrections.at(-1)!.id : undefined;

/**
 * One invoice under review: the page beside its fields and line items, each field with its confidence
 * and the reasons that concern it in words. F8 (Shift+F8 back) jumps to the next flagged field.
 */
export function ReviewForm({ document: initial, readOnly, onSaved, onDone, onSkip }: ReviewFormProps) {
  const { t, i18n } = useTranslation();
  const [document, setDocument] = useState(initial);
  const invoice = document.invoice!;
  const [failing, setFailing] = useState(false);
  const [reason, setReason] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const [values, setValues] = useState(() => formValues(invoice));
  const [rows, setRows] = useState(() => rowsFromItems(invoice.lineItems));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState<InvoiceFieldName | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const { byTarget, general } = reasonsByTarget(invoice.issues);
  const lineReasons = byTarget.get('lineItems') ?? [];

  // Keyboard-first with a mouse at hand; on a touch screen the on-screen keyboard stays closed on arrival.
  useEffect(() => {
    if (hasFinePointer()) first.current?.focus();
  }, []);

  const call = async (request: () => Promise<InvoiceResponse>, after: (saved: InvoiceResponse) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      after(await request());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const send = (accept?: { reason: string }) => {
    if (readOnly) return;
    const { body, errors: invalid } = buildCorrection(invoice as unknown as Record<string, unknown>, values, rows);
    setErrors(invalid);
    if (!body) return;
    void call(
      () => apiSend<InvoiceResponse>('PATCH', `/api/invoices/${document.documentId}`, accept ? { ...body, accept } : body),
      (saved) => {
        const record = newRecord(document, saved);
        if (saved.status !== 'needs_review') return onDone(t(accept ? 'review.accepted' : 'review.saved'), record);
        setDocument(saved);
        setValues(formValues(saved.invoice!));
        setRows(rowsFromItems(saved.invoice!.lineItems));
        setFailing(true);
        onSaved(record);
      },
    );
  };
  const reject = (outcome: ReviewRejectionOutcome) => {
    const text = rejectReason.trim();
    void call(
      () => apiSend<InvoiceResponse>('POST', `/api/invoices/${document.documentId}/reject`, text ? { outcome, reason: text } : { outcome }),
      (saved) => onDone(t(outcome === 'rejected' ? 'decide.rejected' : 'decide.notInvoiceDone'), newRecord(document, saved)),
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const jump = (backwards: boolean) => {
    const elements = [...(form.current?.querySelectorAll<HTMLElement>('[data-review-nav]') ?? [])];
    const flagged = new Set(elements.filter((el) => el.dataset.flagged === 'true').map((el) => el.id));
    const current = window.document.activeElement?.id ?? null;
    const target = nextFlagged(
      elements.map((el) => el.id),
      flagged,
      current,
      backwards,
    );
    if (target) window.document.getElementById(target)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'F8') return;
    event.preventDefault();
    jump(event.shiftKey);
  };
  const flaggedLines = new Set(lineReasons.map((r) => r.line).filter((line): line is number => line !== null));

  return (
    <div className="row g-3" data-testid="review-form" data-document={document.documentId} onKeyDown={onKeyDown}>
      <div className="col-12 col-lg-6">
        {document.mimeType === 'application/xml' ? (
          <EInvoiceDocument invoice={invoice} />
        ) : (
          <PageImage
            documentId={document.documentId}
            mimeType={document.mimeType}
            words={invoice.ocr.words}
            highlight={highlightedWords(invoice, active)}
          />
        )}
      </div>
      <form className="col-12 col-lg-6" onSubmit={submit} noValidate ref={form}>
        <p className="small d-flex flex-wrap gap-2 align-items-center">
          <Link to={`/invoices/${document.documentId}`}>{document.filename}</Link>
          <button type="button" className="btn btn-sm btn-warning ms-auto" onClick={() => jump(false)} data-testid="review-next-flagged">
            {t('decide.nextFlagged')}
          </button>
        </p>
        <EInvoiceBadge document={document} />
        {general.length > 0 && <ReasonsList issues={general.map((r) => r.code)} />}
        {failing && invoice.issues.length > 0 && (
          <div className="alert alert-warning py-2" role="alert" data-testid="review-failing">
            <p className="mb-2">{t('review.failing')}</p>
            <ReasonsList issues={invoice.issues} />
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
                  if (reason.trim().length >= 3) send({ reason: reason.trim() });
                }}
                disabled={busy}
                data-testid="review-reason"
              />
              <button
                type="button"
                className="btn btn-warning"
                disabled={busy || reason.trim().length < 3}
                onClick={() => send({ reason: reason.trim() })}
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
            const field = name as InvoiceFieldName;
            const evidence = invoice.fieldEvidence[field];
            const reasons = byTarget.get(name as ReviewTarget) ?? [];
            const flagged = isLowConfidence(invoice, field) || reasons.length > 0;
            const described = [
              errors[name] ? `r-${name}-error` : '',
              reasons.length ? `r-${name}-reasons` : '',
              evidence ? `r-${name}-confidence` : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <div className="row g-1 mb-1 align-items-start" key={name} data-testid={`review-field-${name}`} data-flagged={flagged}>
                <div className="col-5 d-flex flex-wrap column-gap-1 align-items-center">
                  <label className="col-form-label col-form-label-sm" htmlFor={`r-${name}`}>
                    {t(`fields.${name}`)}
                  </label>
                  {flagged && (
                    <span className="badge text-bg-warning" aria-hidden="true">
                      !
                    </span>
                  )}
                  {evidence && (
                    <span
                      id={`r-${name}-confidence`}
                      className={`small ${flagged ? 'text-warning-emphasis' : 'text-secondary'}`}
                      data-testid={`confidence-${name}`}
                    >
                      {t('reasons.confidence', { value: formatPercent(evidence.confidence, i18n.language) })}
                    </span>
                  )}
                </div>
                <div className="col-7">
                  <input
                    ref={index === 0 ? first : undefined}
                    id={`r-${name}`}
                    name={name}
                    inputMode={isNumericField(name) ? 'decimal' : undefined}
                    list={name === 'documentType' ? 'r-document-types' : undefined}
                    className={`form-control form-control-sm ${errors[name] ? 'is-invalid' : flagged ? 'border-warning' : ''}`}
                    value={values[name]}
                    onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                    onFocus={() => setActive(field)}
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={described || undefined}
                    data-review-nav=""
                    data-flagged={flagged ? 'true' : undefined}
                  />
                  {errors[name] && (
                    <div id={`r-${name}-error`} className="invalid-feedback">
                      {errors[name]}
                    </div>
                  )}
                  <ReasonNotes reasons={reasons} id={`r-${name}-reasons`} />
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
          <div className="mt-3">
            <ReasonNotes reasons={lineReasons} id="r-item-reasons" />
            <LineItemsEditor
              rows={rows}
              onChange={setRows}
              totals={typedTotals(values)}
              currency={values.currency || null}
              errors={Object.fromEntries(
                Object.entries(errors)
                  .filter(([key]) => key.startsWith('lineItems.'))
                  .map(([key, message]) => [key.slice('lineItems.'.length), message]),
              )}
              flaggedLines={flaggedLines}
              flagged={lineReasons.length > 0}
              idPrefix="r-item"
            />
          </div>
          <div className="d-flex flex-wrap gap-2 mt-3">
            <button type="submit" className="btn btn-primary" data-testid="review-save">
              {t('review.save')}
            </button>
            <button type="button" className="btn btn-outline-secondary" onClick={onSkip} data-testid="review-skip">
              {t('review.skip')}
            </button>
          </div>
          {!readOnly && (
            <div className="input-group input-group-sm mt-3">
              <label className="visually-hidden" htmlFor="r-reject-reason">
                {t('decide.reason')}
              </label>
              <input
                id="r-reject-reason"
                className="form-control"
                placeholder={t('decide.reason')}
                value={rejectReason}
                maxLength={500}
                onChange={(e) => setRejectReason(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
                data-testid="review-reject-reason"
              />
              <button type="button" className="btn btn-outline-danger" onClick={() => reject('rejected')} data-testid="review-reject">
                {t('decide.reject')}
              </button>
              <button type="button" className="btn btn-outline-dark" onClick={() => reject('not_invoice')} data-testid="review-not-invoice">
                {t('decide.notInvoice')}
              </button>
            </div>
          )}
        </fieldset>
      </form>
    </div>
  );
}
