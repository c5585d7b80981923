import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api.js';

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message =
    error.status === 0 || error.status >= 502 || error.code === 'UNAVAILABLE'
      ? t('errors.unreachable')
      : error.status === 403
        ? t('errors.forbidden')
        : error.status === 404
          ? t('errors.notFound')
          : t('errors.generic', { message: error.message });
  return (
    <div className="alert alert-danger d-flex align-items-center justify-content-between gap-2" role="alert" data-testid="error-state">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn btn-sm btn-outline-danger" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading({ height = 200 }: { height?: number }) {
  const { t } = useTranslation();
  return (
    <div
      className="d-flex align-items-center justify-content-center text-secondary"
      style={{ minHeight: height }}
      role="status"
      aria-live="polite"
    >
      <div className="spinner-border spinner-border-sm me-2" aria-hidden="true" />
      {t('app.loading')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="text-secondary text-center py-5 border rounded bg-body-tertiary" data-testid="empty-state">
      {children}
    </div>
  );
}

const STATUS_CLASS: Record<string, string> = {
  queued: 'text-bg-secondary',
  processing: 'text-bg-info',
  done: 'text-bg-success',
  needs_review: 'text-bg-warning',
  failed: 'text-bg-danger',
  rejected: 'text-bg-dark',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_CLASS[status] ?? 'text-bg-light'}`}>{t(`status.${status}`)}</span>;
}
