import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n.viewer.js';
import { OCR_PAGE_SEG_MODES, PREPROCESS_STEPS, type InvoiceResponse, type PreprocessStep } from '@invoice/contracts';
import { reprocessOptions, type StepChoice } from '../lib/reprocess-options.js';
import { apiBlob, apiSend, ApiError } from '../lib/api.js';
import { canUpload } from '../lib/jwt.js';
import { useSession } from '../session.js';
import { ErrorState } from './states.js';

/** Saves a blob under a name, through a temporary link. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The invoice page's actions beside its *Open for correction* link: read it again with other OCR settings, download the original. */
export function InvoiceActions({ document: doc, onReprocessed }: { document: InvoiceResponse; onReprocessed: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [psm, setPsm] = useState('');
  const [textLayer, setTextLayer] = useState(true);
  const [steps, setSteps] = useState<Partial<Record<PreprocessStep, StepChoice>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const editor = canUpload(user?.role);
  const pending = doc.status === 'queued' || doc.status === 'processing';

  const download = async () => {
    setError(undefined);
    try {
      saveBlob(await apiBlob(`/api/invoices/${doc.documentId}/file`), doc.filename);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    }
  };

  const reprocess = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await apiSend('POST', `/api/invoices/${doc.documentId}/reprocess`, reprocessOptions(psm, textLayer, steps));
      setOpen(false);
      setNotice(t('actions.queued'));
      onReprocessed();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="mb-3" aria-label={t('actions.title')} data-testid="invoice-actions">
      <div className="d-flex flex-wrap gap-2">
        {editor && (
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            onClick={() => setOpen((shown) => !shown)}
            disabled={pending}
            aria-expanded={open}
            data-testid="action-reprocess"
          >
            {t('actions.reprocess')}
          </button>
        )}
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void download()} data-testid="action-download">
          {t('actions.download')}
        </button>
      </div>
      {notice && (
        <div className="alert alert-info py-2 mt-2 mb-0" role="status" data-testid="reprocess-notice">
          {notice}
        </div>
      )}
      {error && <div className="mt-2">{<ErrorState error={error} />}</div>}
      {open && (
        <form
          className="card card-body mt-2"
          onSubmit={(e) => void reprocess(e)}
          aria-labelledby="reprocess-title"
          data-testid="reprocess-form"
        >
          <h2 id="reprocess-title" className="h6">
            {t('actions.reprocessTitle')}
          </h2>
          <label className="form-label small" htmlFor="reprocess-psm">
            {t('actions.psm')}
          </label>
          <select
            id="reprocess-psm"
            className="form-select form-select-sm mb-2 w-auto"
            value={psm}
            onChange={(e) => setPsm(e.target.value)}
          >
            <option value="">{t('actions.psmDefault')}</option>
            {OCR_PAGE_SEG_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
          {doc.mimeType === 'application/pdf' && (
            <div className="form-check mb-2">
              <input
                id="reprocess-text-layer"
                className="form-check-input"
                type="checkbox"
                checked={textLayer}
                onChange={(e) => setTextLayer(e.target.checked)}
              />
              <label className="form-check-label small" htmlFor="reprocess-text-layer">
                {t('actions.textLayer')}
              </label>
            </div>
          )}
          <fieldset className="mb-2">
            <legend className="small mb-1">{t('actions.steps')}</legend>
            <div className="d-flex flex-wrap gap-2">
              {PREPROCESS_STEPS.map((step) => (
                <label key={step} className="small d-flex align-items-center gap-1">
                  {step}
                  <select
                    className="form-select form-select-sm w-auto"
                    value={steps[step] ?? 'default'}
                    onChange={(e) => setSteps((current) => ({ ...current, [step]: e.target.value as StepChoice }))}
                  >
                    <option value="default">{t('actions.stepDefault')}</option>
                    <option value="on">{t('actions.stepOn')}</option>
                    <option value="off">{t('actions.stepOff')}</option>
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="d-flex gap-2">
            <button type="submit" className="btn btn-sm btn-primary" disabled={busy} data-testid="reprocess-submit">
              {t('actions.submit')}
            </button>
            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setOpen(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
