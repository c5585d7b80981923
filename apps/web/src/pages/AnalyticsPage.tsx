import '../components/charts.js';
import { useState } from 'react';
import { Bar, Line, Scatter } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AnalyticsOverviewResponse, CustomerListResponse, SegmentsResponse } from '@invoice/contracts';
import { apiSend, ApiError, query } from '../lib/api.js';
import { monthSeries, segmentColor, segmentScatter } from '../lib/chart-data.js';
import { downloadText, toCsv } from '../lib/csv.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CriteriaTable, RfmGridTable, StructureNote } from '../components/SegmentViews.js';
import { useSession } from '../session.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const from = DATE.test(search.get('from') ?? '') ? search.get('from')! : undefined;
  const to = DATE.test(search.get('to') ?? '') ? search.get('to')! : undefined;
  const overview = useApi<AnalyticsOverviewResponse>(`/api/analytics/overview${query({ from, to, top: 10 })}`);
  const segments = useApi<SegmentsResponse>('/api/segments');
  const customers = useApi<CustomerListResponse>('/api/customers?limit=500');
  const [segment, setSegment] = useState('');
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const setRange = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const currency = overview.data?.currency ?? segments.data?.run?.currency ?? null;
  const series = monthSeries(overview.data?.months ?? []);
  const order = segments.data?.segments.map((s) => s.label) ?? [];
  const selected = segment || order[0] || '';
  const inSegment = customers.data?.items.filter((c) => c.segment === selected) ?? [];

  const recompute = async () => {
    try {
      await apiSend('POST', '/api/segments/recompute', {});
      setNotice(t('analytics.queued'));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const exportCsv = () =>
    downloadText(
      `customers-${selected.toLowerCase().replace(/\W+/g, '-')}.csv`,
      toCsv(inSegment, [
        { header: 'customerKey', value: (c) => c.customerKey },
        { header: 'customerName', value: (c) => c.customerName },
        { header: 'segment', value: (c) => c.segment },
        { header: 'recencyDays', value: (c) => c.recencyDays },
        { header: 'frequency', value: (c) => c.frequency },
        { header: 'monetary', value: (c) => c.monetary },
        { header: 'r', value: (c) => c.r },
        { header: 'f', value: (c) => c.f },
        { header: 'm', value: (c) => c.m },
      ]),
    );

  return (
    <>
      <div className="d-flex flex-wrap align-items-end gap-3 mb-3">
        <h1 className="h3 me-auto mb-0">{t('analytics.title')}</h1>
        <fieldset className="d-flex gap-2 align-items-end">
          <legend className="visually-hidden">{t('analytics.range')}</legend>
          <div>
            <label className="form-label small mb-0" htmlFor="a-from">
              {t('analytics.from')}
            </label>
            <input id="a-from" type="date" className="form-control form-control-sm" value={from ?? ''} onChange={(e) => setRange('from', e.target.value)} />
          </div>
          <div>
            <label className="form-label small mb-0" htmlFor="a-to">
              {t('analytics.to')}
            </label>
            <input id="a-to" type="date" className="form-control form-control-sm" value={to ?? ''} onChange={(e) => setRange('to', e.target.value)} />
          </div>
        </fieldset>
        {user?.role === 'admin' && (
          <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void recompute()}>
            {t('analytics.recompute')}
          </button>
        )}
      </div>
      {notice && <div className="alert alert-success py-2">{notice}</div>}
      {error && <ErrorState error={error} />}
      {overview.error && <ErrorState error={overview.error} onRetry={overview.reload} />}
      <div className="row g-3">
        <section className="col-12 col-lg-6">
          <div className="card card-body">
            <h2 className="h6">
              {t('analytics.revenue')} {currency ? `(${currency})` : ''}
            </h2>
            <div className="chart-box" data-testid="revenue-chart">
              {!overview.data && !overview.error ? (
                <Loading height={280} />
              ) : series.labels.length === 0 ? (
                <Empty>{t('analytics.noData')}</Empty>
              ) : (
                <Bar data={{ labels: series.labels, datasets: [{ label: t('analytics.revenue'), data: series.revenue, backgroundColor: '#0d6efd' }] }} options={{ plugins: { legend: { display: false } } }} />
              )}
            </div>
          </div>
        </section>
        <section className="col-12 col-lg-6">
          <div className="card card-body">
            <h2 className="h6">{t('analytics.invoices')}</h2>
            <div className="chart-box">
              {!overview.data && !overview.error ? (
                <Loading height={280} />
              ) : series.labels.length === 0 ? (
                <Empty>{t('analytics.noData')}</Empty>
              ) : (
                <Line data={{ labels: series.labels, datasets: [{ label: t('analytics.invoices'), data: series.invoices, borderColor: '#198754', backgroundColor: 'rgba(25,135,84,.15)', fill: true }] }} options={{ plugins: { legend: { display: false } } }} />
              )}
            </div>
          </div>
        </section>
        <section className="col-12 col-lg-5">
          <div className="card card-body h-100">
            <h2 className="h6">{t('analytics.top')}</h2>
            {overview.data && overview.data.topCustomers.length === 0 && <Empty>{t('analytics.noData')}</Empty>}
            {overview.data && overview.data.topCustomers.length > 0 && (
              <table className="table table-sm mb-0" data-testid="top-customers">
                <thead>
                  <tr>
                    <th scope="col">{t('list.customer')}</th>
                    <th scope="col" className="text-end">
                      {t('nav.invoices')}
                    </th>
                    <th scope="col" className="text-end">
                      {t('fields.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overview.data.topCustomers.map((c) => (
                    <tr key={c.customerKey}>
                      <td className="text-truncate" style={{ maxWidth: 220 }}>
                        {c.customerName ?? c.customerKey}
                      </td>
                      <td className="text-end">{c.invoices}</td>
                      <td className="text-end">{formatMoney(c.revenue, currency, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
        <section className="col-12 col-lg-7">
          <div className="card card-body h-100">
            <h2 className="h6">{t('analytics.segments')}</h2>
            {segments.error && <ErrorState error={segments.error} onRetry={segments.reload} />}
            {segments.data && !segments.data.run && <Empty>{t('analytics.noRun')}</Empty>}
            {segments.data?.run && (
              <>
                <p className="small text-secondary">
                  {t('analytics.run', { date: formatDateTime(segments.data.run.finishedAt ?? segments.data.run.startedAt, i18n.language), customers: segments.data.run.customers, k: segments.data.run.k ?? '—' })}
                </p>
                <StructureNote run={segments.data.run} />
                <CriteriaTable run={segments.data.run} />
                <h3 className="h6">{t('analytics.kmeans')}</h3>
                <div className="table-responsive" tabIndex={0} role="region" aria-label={t('analytics.segments')}>
                  <table className="table table-sm" data-testid="segments">
                    <thead>
                      <tr>
                        <th scope="col">{t('analytics.segment')}</th>
                        <th scope="col" className="text-end">
                          {t('analytics.size')}
                        </th>
                        <th scope="col" className="text-end">
                          {t('analytics.share')}
                        </th>
                        <th scope="col" className="text-end">
                          {t('analytics.centroid')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {segments.data.segments.map((s) => (
                        <tr key={s.cluster}>
                          <td>
                            <span className="d-inline-block rounded-circle me-2" style={{ width: 10, height: 10, background: segmentColor(order, s.label) }} />
                            {s.label}
                          </td>
                          <td className="text-end">{s.size}</td>
                          <td className="text-end">{formatPercent(s.revenueShare, i18n.language)}</td>
                          <td className="text-end small">
                            {formatNumber(s.centroid.recencyDays, i18n.language)} / {formatNumber(s.centroid.frequency, i18n.language, 1)} / {formatMoney(s.centroid.monetary, currency, i18n.language)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <RfmGridTable segments={segments.data.rfmSegments} currency={currency} />
              </>
            )}
            {!segments.data && !segments.error && <Loading />}
          </div>
        </section>
        <section className="col-12 col-lg-7">
          <div className="card card-body">
            <h2 className="h6">{t('analytics.scatter')}</h2>
            <div className="chart-box" style={{ height: 340 }} data-testid="scatter">
              {!customers.data && !customers.error ? (
                <Loading height={340} />
              ) : (customers.data?.items.length ?? 0) === 0 ? (
                <Empty>{t('analytics.noRun')}</Empty>
              ) : (
                <Scatter
                  data={{
                    datasets: segmentScatter(customers.data!.items, order).map((s) => ({ label: s.label, data: s.points, backgroundColor: s.color, pointRadius: 3 })),
                  }}
                  options={{
                    scales: {
                      x: { title: { display: true, text: t('analytics.recency') } },
                      y: { type: 'logarithmic', title: { display: true, text: `${t('analytics.monetary')} ${currency ?? ''}` } },
                    },
                    plugins: { tooltip: { callbacks: { label: (ctx) => `${(ctx.raw as { name: string }).name}: ${ctx.parsed.x} d, ${formatMoney(ctx.parsed.y, currency, i18n.language)}` } } },
                  }}
                />
              )}
            </div>
          </div>
        </section>
        <section className="col-12 col-lg-5">
          <div className="card card-body h-100">
            <h2 className="h6">{t('analytics.movements')}</h2>
            {segments.data && segments.data.movements.changes.length === 0 && <p className="small text-secondary">{t('analytics.noMovements')}</p>}
            {segments.data && segments.data.movements.changes.length > 0 && (
              <table className="table table-sm" data-testid="movements">
                <tbody>
                  {segments.data.movements.changes.map((m, index) => (
                    <tr key={index}>
                      <td>{m.from ?? '∅'}</td>
                      <td aria-hidden="true">→</td>
                      <td>{m.to ?? '∅'}</td>
                      <td className="text-end">{m.customers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
        <section className="col-12">
          <div className="card card-body">
            <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
              <h2 className="h6 mb-0 me-auto">{t('analytics.customers')}</h2>
              <label className="visually-hidden" htmlFor="a-segment">
                {t('analytics.segment')}
              </label>
              <select id="a-segment" className="form-select form-select-sm w-auto" value={selected} onChange={(e) => setSegment(e.target.value)}>
                {order.map((label) => (
                  <option key={label} value={label}>
                    {label}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-sm btn-outline-secondary" onClick={exportCsv} disabled={inSegment.length === 0} data-testid="export-csv">
                {t('analytics.export')}
              </button>
            </div>
            {inSegment.length === 0 ? (
              <Empty>{t('analytics.noRun')}</Empty>
            ) : (
              <div className="table-responsive" tabIndex={0} role="region" aria-label={t('analytics.customers')} style={{ maxHeight: 400 }}>
                <table className="table table-sm table-striped" data-testid="segment-customers">
                  <thead className="sticky-top">
                    <tr>
                      <th scope="col">{t('fields.customerName')}</th>
                      <th scope="col" className="text-end">
                        {t('analytics.recency')}
                      </th>
                      <th scope="col" className="text-end">
                        {t('analytics.frequency')}
                      </th>
                      <th scope="col" className="text-end">
                        {t('analytics.monetary')}
                      </th>
                      <th scope="col" className="text-end">
                        R F M
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {inSegment.map((c) => (
                      <tr key={c.customerKey}>
                        <td>{c.customerName ?? c.customerKey}</td>
                        <td className="text-end">{c.recencyDays}</td>
                        <td className="text-end">{c.frequency}</td>
                        <td className="text-end">{formatMoney(c.monetary, currency, i18n.language)}</td>
                        <td className="text-end">
                          {c.r} {c.f} {c.m}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
