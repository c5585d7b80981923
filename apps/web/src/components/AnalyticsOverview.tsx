import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ActiveElement, ChartEvent } from 'chart.js';
import type { AnalyticsOverviewResponse, SegmentsResponse } from '@invoice/contracts';
import { RANGE_PRESETS, type AnalyticsRange, type RangePreset } from '../lib/analytics-range.js';
import { formatMoney, formatNumber } from '../lib/format.js';
import { Empty, Loading } from './states.js';

/** The period: presets as buttons, and the two dates (which show the preset's dates, and make a custom range when edited). */
export function RangePicker({
  range,
  onPreset,
  onDate,
}: {
  range: AnalyticsRange;
  onPreset: (preset: RangePreset) => void;
  onDate: (key: 'from' | 'to', value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="d-flex flex-wrap gap-2 align-items-end">
      <legend className="visually-hidden">{t('analytics.period')}</legend>
      <div className="btn-group btn-group-sm" role="group" aria-label={t('analytics.period')}>
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className={`btn ${range.preset === preset ? 'btn-primary' : 'btn-outline-primary'}`}
            aria-pressed={range.preset === preset}
            onClick={() => onPreset(preset)}
            data-testid={`preset-${preset}`}
          >
            {t(`analytics.presets.${preset}`)}
          </button>
        ))}
      </div>
      <div>
        <label className="form-label small mb-0" htmlFor="a-from">
          {t('analytics.from')}
        </label>
        <input
          id="a-from"
          type="date"
          className="form-control form-control-sm"
          value={range.from ?? ''}
          onChange={(e) => onDate('from', e.target.value)}
        />
      </div>
      <div>
        <label className="form-label small mb-0" htmlFor="a-to">
          {t('analytics.to')}
        </label>
        <input
          id="a-to"
          type="date"
          className="form-control form-control-sm"
          value={range.to ?? ''}
          onChange={(e) => onDate('to', e.target.value)}
        />
      </div>
    </fieldset>
  );
}

/** Revenue, invoices, average invoice and customers of the period, the charts' bars added up. */
export function HeadlineTotals({ overview }: { overview: AnalyticsOverviewResponse | undefined }) {
  const { t, i18n } = useTranslation();
  const totals = overview?.totals;
  const currency = overview?.currency ?? null;
  const lng = i18n.language;
  const cards: [string, string, string, string | undefined][] = [
    [
      'revenue',
      t('analytics.totalRevenue'),
      totals ? formatMoney(totals.revenue, currency, lng) : '…',
      currency ? t('analytics.revenueNote', { currency }) : undefined,
    ],
    ['invoices', t('analytics.totalInvoices'), totals ? formatNumber(totals.invoices, lng) : '…', t('analytics.allStatuses')],
    ['average', t('analytics.averageInvoice'), totals ? formatMoney(totals.averageInvoice, currency, lng) : '…', undefined],
    ['customers', t('analytics.totalCustomers'), totals ? formatNumber(totals.customers, lng) : '…', undefined],
  ];
  return (
    <section className="row g-3 mb-3" aria-label={t('analytics.totals')}>
      {cards.map(([key, label, value, note]) => (
        <div className="col-6 col-lg-3" key={key}>
          <div className="card card-body py-2 h-100">
            <div className="small text-secondary">{label}</div>
            <div className="fs-4 fw-semibold" data-testid={`total-${key}`}>
              {value}
            </div>
            {note && <div className="small text-secondary">{note}</div>}
          </div>
        </div>
      ))}
    </section>
  );
}

/**
 * One monthly bar chart whose months open their invoices: a click anywhere in a month's column (the
 * thinnest bars are hard to hit), or the month links under it for the keyboard and screen readers.
 */
export function MonthBars(props: {
  title: string;
  testId: string;
  labels: string[];
  values: number[];
  color: string;
  counts: boolean;
  loading: boolean;
  path: (month: string) => string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { labels, values, path } = props;
  const onClick = (_event: ChartEvent, elements: ActiveElement[]) => {
    const month = labels[elements[0]?.index ?? -1];
    if (month) void navigate(path(month));
  };
  const onHover = (event: ChartEvent, elements: ActiveElement[]) => {
    const target = event.native?.target as HTMLElement | undefined;
    if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
  };
  return (
    <div className="card card-body">
      <h2 className="h6">{props.title}</h2>
      <div className="chart-box" data-testid={props.testId}>
        {props.loading ? (
          <Loading height={280} />
        ) : labels.length === 0 ? (
          <Empty>{t('analytics.noData')}</Empty>
        ) : (
          <Bar
            data={{ labels, datasets: [{ label: props.title, data: values, backgroundColor: props.color }] }}
            options={{
              interaction: { mode: 'index', intersect: false },
              onClick,
              onHover,
              plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => props.format(ctx.parsed.y ?? 0) } } },
              // Counts are whole numbers: no 0.5 invoice on the axis.
              scales: {
                y: { beginAtZero: true, ticks: props.counts ? { precision: 0 } : { callback: (value) => props.format(Number(value)) } },
              },
            }}
          />
        )}
      </div>
      {labels.length > 0 && (
        <>
          <p className="small text-secondary mb-0 mt-1">{t('analytics.barHint')}</p>
          <ul className="visually-hidden-focusable list-inline small mb-0" data-testid={`${props.testId}-links`}>
            {labels.map((month, i) => (
              <li className="list-inline-item" key={month}>
                <Link to={path(month)}>{t('analytics.monthLink', { month, value: props.format(values[i] ?? 0) })}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The period's top customers by revenue; a name opens that customer's invoices. */
export function TopCustomersTable({ overview }: { overview: AnalyticsOverviewResponse }) {
  const { t, i18n } = useTranslation();
  if (overview.topCustomers.length === 0) return <Empty>{t('analytics.noData')}</Empty>;
  return (
    <table className="table table-sm mb-0" data-testid="top-customers">
      <thead>
        <tr>
          <th scope="col">{t('analytics.customer')}</th>
          <th scope="col" className="text-end">
            {t('analytics.invoiceCount')}
          </th>
          <th scope="col" className="text-end">
            {t('analytics.revenueColumn')}
          </th>
        </tr>
      </thead>
      <tbody>
        {overview.topCustomers.map((c) => (
          <tr key={c.customerKey}>
            <td className="text-truncate" style={{ maxWidth: 220 }}>
              {c.customerName ? (
                <Link to={`/invoices?${new URLSearchParams({ customer: c.customerName }).toString()}`}>{c.customerName}</Link>
              ) : (
                c.customerKey
              )}
            </td>
            <td className="text-end">{formatNumber(c.invoices, i18n.language)}</td>
            <td className="text-end">{formatMoney(c.revenue, overview.currency, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How many customers changed segment since the previous run. */
export function MovementsTable({ changes }: { changes: SegmentsResponse['movements']['changes'] }) {
  const { t, i18n } = useTranslation();
  if (changes.length === 0) return <p className="small text-secondary">{t('analytics.noMovements')}</p>;
  return (
    <table className="table table-sm" data-testid="movements">
      <thead>
        <tr>
          <th scope="col">{t('analytics.fromSegment')}</th>
          <th scope="col">{t('analytics.toSegment')}</th>
          <th scope="col" className="text-end">
            {t('analytics.moved')}
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((m, index) => (
          <tr key={index}>
            <td>{m.from ?? '∅'}</td>
            <td>{m.to ?? '∅'}</td>
            <td className="text-end">{formatNumber(m.customers, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
