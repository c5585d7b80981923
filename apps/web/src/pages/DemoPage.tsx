import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORTED_MIME_TYPES, type InvoiceResponse, type JobStatusResponse, type UploadResponse } from '@invoice/contracts';
import { apiGet, apiSend, ApiError } from '../lib/api.js';
import { canUpload } from '../lib/jwt.js';
import { Empty, ErrorState } from '../components/states.js';
import { DemoJobLine, type Tracked } from '../components/DemoJobLine.js';
import { useSession } from '../session.js';

const STORAGE_KEY = 'invoice-ocr.demo-jobs';

/** The jobs of this tab survive a visit to another page (not their answers: those are fetched again). */
function storedJobs(): Tracked[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as Omit<Tracked, 'job' | 'invoice'>[];
    return saved.map((item) => ({ ...item, job: null, invoice: null }));
  } catch {
    return [];
  }
}

const TERMINAL = new Set(['done', 'needs_review', 'failed']);
const progressOf = (item: Tracked) => (TERMINAL.has(item.job?.status ?? '') ? 100 : (item.job?.progress ?? 0));
const POLL_MS = 1000;

/** Drop or pick files; each job is polled (GET /api/jobs/:id) until it ends, then its invoice is shown beside the page. */
export function DemoPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [tracked, setTracked] = useState<Tracked[]>(storedJobs);
  const [rejected, setRejected] = useState<UploadResponse['rejected']>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  // One upload open at a time: the latest one, until another line is clicked.
  const [openJobId, setOpenJobId] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const mayUpload = canUpload(user?.role);

  const upload = useCallback(async (files: File[]) => {
    if (files.length === 0) return;
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    setBusy(true);
    setError(undefined);
    try {
      const answer = await apiSend<UploadResponse>('POST', '/api/invoices', form);
      setRejected(answer.rejected);
      if (answer.jobs[0]) setOpenJobId(answer.jobs[0].jobId);
      setTracked((list) => [
        ...answer.jobs.map((job) => ({
          jobId: job.jobId,
          documentId: job.documentId,
          filename: job.filename,
          duplicate: job.duplicate,
          job: null,
          invoice: null,
        })),
        ...list.filter((item) => !answer.jobs.some((job) => job.jobId === item.jobId)),
      ]);
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e));
      setError(apiError);
      const details = apiError.details as { rejected?: UploadResponse['rejected'] } | undefined;
      setRejected(details?.rejected ?? []);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }, []);

  useEffect(() => {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify(
        tracked.slice(0, 50).map(({ jobId, documentId, filename, duplicate }) => ({ jobId, documentId, filename, duplicate })),
      ),
    );
  }, [tracked]);

  // One poll loop for every unfinished job.
  const pending = tracked
    .filter((item) => !item.invoice || !TERMINAL.has(item.job?.status ?? ''))
    .map((item) => item.jobId)
    .join(',');
  useEffect(() => {
    if (!pending) return;
    const ids = pending.split(',');
    let stopped = false;
    const poll = async () => {
      const updates = await Promise.all(
        ids.map(async (jobId) => {
          try {
            const job = await apiGet<JobStatusResponse>(`/api/jobs/${jobId}`);
            const invoice = TERMINAL.has(job.status) ? await apiGet<InvoiceResponse>(`/api/invoices/${job.documentId}`) : null;
            return { jobId, job, invoice };
          } catch {
            return null;
          }
        }),
      );
      if (stopped) return;
      setTracked((list) =>
        list.map((item) => {
          const update = updates.find((u) => u?.jobId === item.jobId);
          return update ? { ...item, job: update.job, invoice: update.invoice } : item;
        }),
      );
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pending]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (mayUpload) void upload([...event.dataTransfer.files]);
  };

  return (
    <>
      <h1 className="h3">{t('demo.title')}</h1>
      {mayUpload ? (
        <label
          className={`dropzone d-block mb-3 ${dragging ? 'active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <span className="d-block mb-2">{busy ? t('demo.uploading') : t('demo.drop')}</span>
          <span className="btn btn-primary">{t('demo.pick')}</span>
          <input
            ref={input}
            type="file"
            multiple
            accept={SUPPORTED_MIME_TYPES.join(',')}
            className="visually-hidden"
            onChange={(e) => void upload([...(e.target.files ?? [])])}
            data-testid="file-input"
          />
        </label>
      ) : (
        <div className="alert alert-info">{t('demo.viewerNote')}</div>
      )}
      {error && <ErrorState error={error} />}
      {rejected.map((r) => (
        <div key={r.filename} className="alert alert-warning py-2">
          {t('demo.rejected', { name: r.filename, reason: r.reason })}
        </div>
      ))}
      {tracked.length === 0 ? (
        <Empty>{t('demo.empty')}</Empty>
      ) : (
        <ul className="list-group mb-3">
          {tracked.map((item) => (
            <DemoJobLine
              key={item.jobId}
              item={item}
              progress={progressOf(item)}
              open={openJobId === item.jobId}
              onToggle={() => setOpenJobId((current) => (current === item.jobId ? null : item.jobId))}
            />
          ))}
        </ul>
      )}
    </>
  );
}
