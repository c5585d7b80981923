import '../components/charts.js';
import { useState } from 'react';
import { Scatter } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AnalyticsOverviewResponse, CustomerListResponse, SegmentsResponse } from '@invoice/contracts';
import { apiSend, ApiError, query } from '../lib/api.js';
import {
  localToday,
  monthInvoicesPath,
  presetRange,
  rangeFromSearch,
  rangeToSearch,
  type AnalyticsRange,
  type RangePreset,
} from '../lib/analytics-range.js';
import { monthSeries, segmentColor, segmentScatter } from '../lib/chart-data.js';
import { downloadText, toCsv } from '../lib/csv.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../lib/format.js';
import {
  customersApiPath,
  parseSelectionValue,
  selectionFromSearch,
  selectionToSearch,
  selectionValue,
  type SegmentSelection,
} from '../lib/segment-selection.js';
import { useApi } from '../lib/use-api.js';
import { HeadlineTotals, MonthBars, MovementsTable, RangePicker, TopCustomersTable } from '../components/AnalyticsOverview.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CriteriaTable, RfmGridTable, StructureNote } from '../components/SegmentViews.js';
import { useSession } from '../session.js';

const CUSTOMERS_ID = 'segment-customers-section';

export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const today = localToday();
  const range = rangeFromSearch(search, today);
  const overview = useApi<AnalyticsOverviewResponse>(`/api/analytics/overview${query({ from: range.from, to: range.to, top: 10 })}`);
  const segments = useApi<SegmentsResponse>('/api/segments');
  const customers = useApi<CustomerListResponse>('/api/customers?limit=500');
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const setRange = (next: AnalyticsRange) => setSearch(rangeToSearch(search, next), { replace: true });
  const setPreset = (preset: RangePreset) => setRange({ preset, ...presetRange(preset, today) });
  // Editing a date keeps the other end of the range shown.
  const setDate = (key: 'from' | 'to', value: string) =>
    setRange({ preset: 'custom', from: range.from, to: range.to, [key]: value || undefined });
  const currency = overview.data?.currency ?? segments.data?.run?.currency ?? null;
  const series = monthSeries(overview.data?.months ?? [], range);
  const order = segments.data?.segments.map((s) => s.label) ?? [];
  const selection: SegmentSelection | null = selectionFromSearch(search) ?? (order[0] ? { view: 'kmeans', name: order[0] } : null);
  const listed = useApi<CustomerListResponse>(selection ? customersApiPath(selection) : null);
  const inSegment = listed.data?.items ?? [];
  /** Lists a segment's customers (a click on a segment) and brings the list into view. */
  const select = (next: SegmentSelection) => {
    setSearch(selectionToSearch(search, next), { replace: true });
    document.getElementById(CUSTOMERS_ID)?.scrollIntoView({ block: 'start' });
  };
  const money = (value: number) => formatMoney(value, currency, i18n.language);
  const count = (value: number) => formatNumber(value, i18n.language);

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
      `customers-${(selection?.name ?? 'all').toLowerCase().replace(/\W+/g, '-')}.csv`,
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
        <RangePicker range={range} onPreset={setPreset} onDate={setDate} />
        {user?.role === 'admin' && (
          <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void recompute()}>
            {t('analytics.recompute')}
          </button>
        )}
      </div>
      {notice && <div className="alert alert-success py-2">{notice}</div>}
      {error && <ErrorState error={error} />}
      {overview.error && <ErrorState error={overview.error} onRetry={overview.reload} />}
      <HeadlineTotals overview={overview.data} />
      <div className="row g-3">
        <section className="col-12 col-lg-6">
          <MonthBars
            title={`${t('analytics.revenue')}${currency ? ` (${currency})` : ''}`}
            testId="revenue-chart"
            labels={series.labels}
            values={series.revenue}
            color="#0d6efd"
            counts={false}
            loading={!overview.data && !overview.error}
            path={(month) => monthInvoicesPath(month, true)}
            format={money}
          />
        </section>
        <section className="col-12 col-lg-6">
          <MonthBars
            title={t('analytics.invoices')}
            testId="invoices-chart"
            labels={series.labels}
            values={series.invoices}
            color="#198754"
            counts
            loading={!overview.data && !overview.error}
            path={(month) => monthInvoicesPath(month, false)}
            format={count}
          />
        </section>
        <section className="col-12 col-lg-5">
          <div className="card card-body h-100">
            <h2 className="h6">{t('analytics.top')}</h2>
            {overview.data ? <TopCustomersTable overview={overview.data} /> : !overview.error && <Loading />}
          </div>
        </section>
        <section className="col-12 col-lg-7">
          <div className="card card-body h-100">
            <h2 className="h6">{t('analytics.segments')}</h2>
            {segments.error && <ErrorState error={segments.error} onRetry={segments.reload} />}
            {segments.data && !segments.data.run && <Empty>{t('analytics.noRun')}</Empty>}
            {segments.data?.run && (
              <>
                <p className="small text-secondary mb-1">
                  {t('analytics.run', {
                    date: formatDateTime(segments.data.run.finishedAt ?? segments.data.run.startedAt, i18n.language),
                    customers: segments.data.run.customers,
                    k: segments.data.run.k ?? '—',
                  })}
                </p>
                <p className="small text-secondary">{t('analytics.segmentHint')}</p>
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
                        <tr
                          key={s.cluster}
                          className={selection?.view === 'kmeans' && selection.name === s.label ? 'table-active' : undefined}
                        >
                          <td className="text-nowrap">
                            <span
                              className="d-inline-block rounded-circle me-2"
                              style={{ width: 10, height: 10, background: segmentColor(order, s.label) }}
                            />
                            <button
                              type="button"
                              className="btn btn-link btn-sm p-0 align-baseline"
                              onClick={() => select({ view: 'kmeans', name: s.label })}
                              title={t('analytics.showCustomers', { segment: s.label })}
                              data-testid="segment-link"
                            >
                              {s.label}
                            </button>
                          </td>
                          <td className="text-end">{count(s.size)}</td>
                          <td className="text-end">{formatPercent(s.revenueShare, i18n.language)}</td>
                          <td className="text-end small">
                            {formatNumber(s.centroid.recencyDays, i18n.language)} / {formatNumber(s.centroid.frequency, i18n.language, 1)} /{' '}
                            {money(s.centroid.monetary)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <RfmGridTable
                  segments={segments.data.rfmSegments}
                  currency={currency}
                  selected={selection?.view === 'rfm' ? selection.name : undefined}
                  onSelect={(name) => select({ view: 'rfm', name })}
                />
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
                    datasets: segmentScatter(customers.data!.items, order).map((s) => ({
                      label: s.label,
                      data: s.points,
                      backgroundColor: s.color,
                      pointRadius: 3,
                    })),
                  }}
                  options={{
                    // A point opens its segment's customers.
                    onClick: (_event, elements, chart) => {
                      const label = chart.data.datasets[elements[0]?.datasetIndex ?? -1]?.label;
                      if (label) select({ view: 'kmeans', name: label });
                    },
                    scales: {
                      x: { title: { display: true, text: t('analytics.recency') } },
                      y: { type: 'logarithmic', title: { display: true, text: `${t('analytics.monetary')} ${currency ?? ''}` } },
                    },
                    plugins: {
                      tooltip: {
                        callbacks: {
                          label: (ctx) => `${(ctx.raw as { name: string }).name}: ${ctx.parsed.x} d, ${money(ctx.parsed.y ?? 0)}`,
                        },
                      },
                    },
                  }}
                />
              )}
            </div>
          </div>
        </section>
        <section className="col-12 col-lg-5">
          <div className="card card-body h-100">
            <h2 className="h6">{t('analytics.movements')}</h2>
            {segments.data && <MovementsTable changes={segments.data.movements.changes} />}
          </div>
        </section>
        <section className="col-12" id={CUSTOMERS_ID}>
          <div className="card card-body">
            <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
              <h2 className="h6 mb-0 me-auto" data-testid="customers-title">
                {selection ? t('analytics.customersOf', { segment: selection.name }) : t('analytics.customers')}
              </h2>
              <label className="visually-hidden" htmlFor="a-segment">
                {t('analytics.segment')}
              </label>
              <select
                id="a-segment"
                className="form-select form-select-sm w-auto"
                value={selection ? selectionValue(selection) : ''}
                onChange={(e) => {
                  const next = parseSelectionValue(e.target.value);
                  if (next) setSearch(selectionToSearch(search, next), { replace: true });
                }}
              >
                <optgroup label={t('analytics.kmeansGroup')}>
                  {order.map((label) => (
                    <option key={label} value={selectionValue({ view: 'kmeans', name: label })}>
                      {label}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('analytics.rfmGroup')}>
                  {(segments.data?.rfmSegments ?? []).map((s) => (
                    <option key={s.name} value={selectionValue({ view: 'rfm', name: s.name })}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              </select>
              <button
                type="button"
                className="btn btn-sm btn-outline-secondary"
                onClick={exportCsv}
                disabled={inSegment.length === 0}
                data-testid="export-csv"
              >
                {t('analytics.export')}
              </button>
            </div>
            {listed.error && <ErrorState error={listed.error} onRetry={listed.reload} />}
            {inSegment.length === 0 ? (
              listed.loading ? (
                <Loading />
              ) : (
                <Empty>{t('analytics.noRun')}</Empty>
              )
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
                        <td className="text-end">{money(c.monetary)}</td>
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
