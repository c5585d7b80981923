import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MONITORED_QUEUES, QUEUE_JOB_STATES, type FailedJobsResponse } from '@invoice/contracts';
import { apiAction, ApiError } from '../lib/api.js';
import { formatDateTime, formatNumber } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { ErrorState } from './states.js';

/** Every queue with every job state, `prioritized` included (the OCR backlog waits there). */
export function QueueStates({ queues }: { queues: Record<string, Record<string, number>> }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={t('monitoring.queues')}>
      <table className="table table-sm" data-testid="queues">
        <thead>
          <tr>
            <th scope="col">{t('monitoring.queue')}</th>
            {QUEUE_JOB_STATES.map((state) => (
              <th scope="col" className="text-end" key={state}>
                {t(`monitoring.states.${state}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(queues).map(([queue, states]) => (
            <tr key={queue} data-testid={`queue-${queue}`}>
              <th scope="row">{queue}</th>
              {QUEUE_JOB_STATES.map((state) => (
                <td className="text-end" key={state} data-state={state}>
                  {formatNumber(states[state] ?? 0, i18n.language)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The organization's failed jobs with their error; retry and remove (admin routes). With the platform's
 * failed counts (platform operators), only the queues that have some; without them, every queue.
 */
export function FailedJobs({ failedCounts }: { failedCounts: Record<string, number> | null }) {
  const queues = failedCounts
    ? Object.entries(failedCounts)
        .filter(([, count]) => count > 0)
        .map(([queue]) => queue)
    : [...MONITORED_QUEUES];
  return (
    <>
      {queues.map((queue) => (
        <FailedJobsOfQueue key={queue} queue={queue} version={failedCounts?.[queue] ?? 0} />
      ))}
    </>
  );
}

function FailedJobsOfQueue({ queue, version }: { queue: string; version: number }) {
  const { t, i18n } = useTranslation();
  const list = useApi<FailedJobsResponse>(`/api/monitoring/queues/${queue}/failed?limit=20`);
  const { reload } = list;
  // The summary refreshes every few seconds: read the list again when its failed count moves.
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    reload();
  }, [version, reload]);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const act = async (method: 'POST' | 'DELETE', id: string) => {
    setError(undefined);
    try {
      const path = `/api/monitoring/queues/${queue}/jobs/${encodeURIComponent(id)}`;
      await apiAction(method, method === 'POST' ? `${path}/retry` : path);
      setNotice(t(method === 'POST' ? 'monitoring.retried' : 'monitoring.removed', { id }));
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    }
  };
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return null;
  return (
    <section data-testid={`failed-${queue}`}>
      <h3 className="h6 mt-2">
        {t('monitoring.failedJobs')}: {queue}
      </h3>
      {notice && (
        <p className="small text-success" role="status">
          {notice}
        </p>
      )}
      {error && <ErrorState error={error} />}
      {list.data.items.length === 0 ? (
        <p className="small text-secondary">{t('monitoring.noFailed')}</p>
      ) : (
        <div className="table-responsive" tabIndex={0} role="region" aria-label={`${t('monitoring.failedJobs')}: ${queue}`}>
          <table className="table table-sm small table-cards">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.job')}</th>
                <th scope="col">{t('monitoring.error')}</th>
                <th scope="col" className="text-end">
                  {t('monitoring.attempts')}
                </th>
                <th scope="col">{t('monitoring.failedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('monitoring.retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((job) => (
                <tr key={job.id} data-testid="failed-job">
                  <td>
                    <code>{job.id}</code> {job.name}
                  </td>
                  <td className="text-break" data-label={t('monitoring.error')}>
                    {job.error}
                  </td>
                  <td className="text-end" data-label={t('monitoring.attempts')}>
                    {job.attemptsMade}
                  </td>
                  <td data-label={t('monitoring.failedAt')}>{formatDateTime(job.failedAt, i18n.language)}</td>
                  <td className="text-nowrap">
                    <button type="button" className="btn btn-sm btn-outline-primary me-1" onClick={() => void act('POST', job.id)}>
                      {t('monitoring.retry')}
                    </button>
                    <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => void act('DELETE', job.id)}>
                      {t('monitoring.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
