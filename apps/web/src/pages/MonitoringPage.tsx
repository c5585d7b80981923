import '../components/charts.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { MonitoringSummary } from '@invoice/contracts';
import { formatDateTime, formatNumber, formatPercent } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { ErrorState, Loading } from '../components/states.js';
import { FailedJobs, QueueStates } from '../components/QueueJobs.js';
import { useSession } from '../session.js';

const REFRESH_MS = 5000;

export function MonitoringPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const summary = useApi<MonitoringSummary>(user?.role === 'admin' ? '/api/monitoring/summary' : null, REFRESH_MS);
  if (user?.role !== 'admin') return <div className="alert alert-info">{t('monitoring.adminOnly')}</div>;
  const data = summary.data;
  const ms = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : `${formatNumber(value, i18n.language)} ms`;
  const kpi = (label: string, value: string, testId?: string) => (
    <div className="col-6 col-md-3">
      <div className="card card-body h-100">
        <div className="small text-secondary">{label}</div>
        <div className="kpi" data-testid={testId}>
          {value}
        </div>
      </div>
    </div>
  );

  return (
    <>
      <div className="d-flex flex-wrap align-items-baseline gap-2 mb-3">
        <h1 className="h3 me-auto mb-0">{t('monitoring.title')}</h1>
        <span className="small text-secondary" aria-live="polite">
          {data ? t('monitoring.updated', { time: formatDateTime(data.generatedAt, i18n.language) }) : ''}
        </span>
      </div>
      {summary.error && <ErrorState error={summary.error} onRetry={summary.reload} />}
      {!data && !summary.error && <Loading height={600} />}
      {data && (
        <div className="row g-3">
          {kpi(
            t('monitoring.throughput').split(' (')[0] ?? t('monitoring.throughput'),
            `${formatNumber(data.throughput.invoicesPerMinute, i18n.language, 1)} / min`,
            'throughput',
          )}
          {data.workers &&
            kpi(
              t('monitoring.workers'),
              `${data.workers.alive} (${data.workers.busy}/${data.workers.concurrency} ${t('monitoring.busy')})`,
              'workers',
            )}
          {kpi(t('monitoring.errorRate'), formatPercent(data.errorRate, i18n.language))}
          {kpi(t('monitoring.reviewRate'), formatPercent(data.reviewRate, i18n.language))}
          <section className="col-12 col-lg-8">
            <div className="card card-body">
              <h2 className="h6">{t('monitoring.throughput')}</h2>
              <div className="chart-box">
                <Bar
                  data={{
                    labels: data.throughput.perMinute.map((p) =>
                      new Date(p.minute).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }),
                    ),
                    datasets: [
                      { label: t('status.done'), data: data.throughput.perMinute.map((p) => p.done), backgroundColor: '#198754' },
                      {
                        label: t('status.needs_review'),
                        data: data.throughput.perMinute.map((p) => p.needsReview),
                        backgroundColor: '#ffc107',
                      },
                      { label: t('status.failed'), data: data.throughput.perMinute.map((p) => p.failed), backgroundColor: '#dc3545' },
                    ],
                  }}
                  options={{ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }}
                />
              </div>
            </div>
          </section>
          <section className="col-12 col-lg-4">
            <div className="card card-body h-100">
              <h2 className="h6">{t('monitoring.latency')}</h2>
              <dl className="row mb-2" data-testid="latency">
                <dt className="col-4">p50</dt>
                <dd className="col-8">{ms(data.ocrLatencyMs.p50)}</dd>
                <dt className="col-4">p95</dt>
                <dd className="col-8">{ms(data.ocrLatencyMs.p95)}</dd>
                <dt className="col-4">p99</dt>
                <dd className="col-8">{ms(data.ocrLatencyMs.p99)}</dd>
              </dl>
              <p className="small text-secondary">{t('monitoring.samples', { count: data.ocrLatencyMs.samples })}</p>
            </div>
          </section>
          <section className="col-12">
            <div className="card card-body">
              {data.queues && <h2 className="h6">{t('monitoring.queues')}</h2>}
              {data.queues && <QueueStates queues={data.queues} />}
              <FailedJobs
                failedCounts={
                  data.queues ? Object.fromEntries(Object.entries(data.queues).map(([queue, states]) => [queue, states.failed ?? 0])) : null
                }
              />
            </div>
          </section>
          {data.scope === 'organization' && (
            <p className="col-12 small text-secondary" data-testid="organization-scope">
              {t('monitoring.organizationScope')}
            </p>
          )}
          {data.workers && (
            <section className="col-12 col-lg-5">
              <div className="card card-body h-100">
                <h2 className="h6">{t('monitoring.workers')}</h2>
                {data.workers.list.length === 0 ? (
                  <p className="text-danger small">{t('monitoring.noWorkers')}</p>
                ) : (
                  <table className="table table-sm mb-0" data-testid="workers-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('monitoring.worker')}</th>
                        <th scope="col">{t('monitoring.load')}</th>
                        <th scope="col" className="text-end">
                          {t('monitoring.processedFailed')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.workers.list.map((w) => (
                        <tr key={w.workerId}>
                          <td className="small text-break">
                            {w.hostname}:{w.pid}
                          </td>
                          <td className="small">
                            {w.busy}/{w.concurrency} {t('monitoring.busy')}
                          </td>
                          <td className="small text-end">
                            {w.processed} ✓ {w.failed} ✗
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </section>
          )}
          {data.api && (
            <section className="col-12 col-lg-7">
              <div className="card card-body h-100">
                <h2 className="h6">{t('monitoring.api')}</h2>
                <div className="table-responsive" tabIndex={0} role="region" aria-label={t('monitoring.api')}>
                  <table className="table table-sm mb-0" data-testid="api-routes">
                    <thead>
                      <tr>
                        <th scope="col">{t('monitoring.route')}</th>
                        <th scope="col" className="text-end">
                          {t('monitoring.requests')}
                        </th>
                        <th scope="col" className="text-end">
                          {t('monitoring.errors')}
                        </th>
                        <th scope="col" className="text-end">
                          p50
                        </th>
                        <th scope="col" className="text-end">
                          p95
                        </th>
                        <th scope="col" className="text-end">
                          p99
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.api.routes.map((r) => (
                        <tr key={`${r.method} ${r.route}`}>
                          <td className="small text-break">
                            {r.method} {r.route}
                          </td>
                          <td className="text-end">{r.requests}</td>
                          <td className="text-end">{r.errors}</td>
                          <td className="text-end">{ms(r.p50Ms)}</td>
                          <td className="text-end">{ms(r.p95Ms)}</td>
                          <td className="text-end">{ms(r.p99Ms)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </section>
          )}
        </div>
      )}
    </>
  );
}
