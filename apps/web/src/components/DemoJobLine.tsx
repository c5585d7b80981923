import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InvoiceResponse, JobStatusResponse } from '@invoice/contracts';
import { InvoiceView } from './InvoiceView.js';
import { StatusBadge } from './states.js';

/** An upload of this tab and what is known of it so far. */
export interface Tracked {
  jobId: string;
  documentId: string;
  filename: string;
  duplicate: boolean;
  job: JobStatusResponse | null;
  invoice: InvoiceResponse | null;
}

interface Props {
  item: Tracked;
  progress: number;
  open: boolean;
  onToggle: () => void;
}

/** One compact line per upload (name, status, progress); the open one shows its invoice under it. */
export function DemoJobLine({ item, progress, open, onToggle }: Props) {
  const { t } = useTranslation();
  const status = item.job?.status ?? 'queued';
  const bodyId = `demo-job-${item.jobId}`;
  return (
    <li className="list-group-item p-0" data-testid="demo-job" data-status={status} data-open={open}>
      <div className="d-flex flex-wrap align-items-center gap-2 px-3 py-2">
        <button
          type="button"
          className="btn btn-link p-0 text-start text-break text-decoration-none fw-semibold"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={onToggle}
          data-testid="demo-job-toggle"
        >
          <span aria-hidden="true" className="me-1">
            {open ? '▾' : '▸'}
          </span>
          {item.filename}
        </button>
        {item.duplicate && <span className="badge text-bg-light">{t('demo.duplicate')}</span>}
        <StatusBadge status={status} />
        {progress < 100 && (
          <div
            className="progress flex-grow-1"
            style={{ minWidth: 120, height: 8 }}
            role="progressbar"
            aria-valuenow={progress}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={item.filename}
          >
            <div className="progress-bar" style={{ width: `${progress}%` }} />
          </div>
        )}
        <Link to={`/invoices/${item.documentId}`} className="small ms-auto">
          {t('demo.open')}
        </Link>
      </div>
      {open && (
        <div id={bodyId} className="border-top p-3">
          {item.invoice ? <InvoiceView document={item.invoice} /> : <span className="text-secondary small">{t('demo.waiting')}</span>}
        </div>
      )}
    </li>
  );
}
