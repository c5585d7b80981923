import { useTranslation } from 'react-i18next';
import type { SegmentsResponse } from '@invoice/contracts';
import { formatMoney, formatNumber, formatPercent } from '../lib/format.js';

type Run = NonNullable<SegmentsResponse['run']>;

/** Says when k-means found little structure: the classic RFM grid is then the view to read. */
export function StructureNote({ run }: { run: Run }) {
  const { t } = useTranslation();
  if (run.structure !== 'weak' && run.structure !== 'none') return null;
  return (
    <div className="alert alert-warning small py-2" role="status" data-testid="structure-note">
      {t(run.structure === 'weak' ? 'analytics.weakStructure' : 'analytics.noStructure')}
    </div>
  );
}

/** The criteria of every k the run tried, the chosen one highlighted. */
export function CriteriaTable({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  if (run.criteria.length === 0) return null;
  const value = (v: number | null, digits: number) => (v === null ? '—' : formatNumber(v, i18n.language, digits));
  return (
    <details className="small mb-3">
      <summary>{t('analytics.criteria')}</summary>
      <div className="table-responsive" tabIndex={0} role="region" aria-label={t('analytics.criteria')}>
        <table className="table table-sm mb-0" data-testid="criteria">
          <thead>
            <tr>
              <th scope="col">k</th>
              <th scope="col" className="text-end">
                {t('analytics.silhouette')}
              </th>
              <th scope="col" className="text-end">
                Davies-Bouldin
              </th>
              <th scope="col" className="text-end">
                Calinski-Harabasz
              </th>
              <th scope="col" className="text-end">
                {t('analytics.stability')}
              </th>
              <th scope="col" className="text-end">
                {t('analytics.rank')}
              </th>
            </tr>
          </thead>
          <tbody>
            {run.criteria.map((c) => (
              <tr key={c.k} className={c.k === run.k ? 'table-active fw-semibold' : undefined}>
                <td>{c.k}</td>
                <td className="text-end">{value(c.silhouette, 3)}</td>
                <td className="text-end">{value(c.daviesBouldin, 3)}</td>
                <td className="text-end">{value(c.calinskiHarabasz, 0)}</td>
                <td className="text-end">{value(c.stability, 2)}</td>
                <td className="text-end">{value(c.rank, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The classic RFM segments (grid of the R and F scores) with their customers' mean figures. */
export function RfmGridTable({
  segments,
  currency,
  selected,
  onSelect,
}: {
  segments: SegmentsResponse['rfmSegments'];
  currency: string | null;
  /** The segment whose customers are listed (highlighted). */
  selected?: string;
  /** A click on a segment's name lists its customers. */
  onSelect?: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (segments.length === 0) return null;
  return (
    <>
      <h3 className="h6 mt-3">{t('analytics.rfmGrid')}</h3>
      <div className="table-responsive" tabIndex={0} role="region" aria-label={t('analytics.rfmGrid')}>
        <table className="table table-sm" data-testid="rfm-segments">
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
                {t('analytics.means')}
              </th>
            </tr>
          </thead>
          <tbody>
            {segments.map((s) => (
              <tr key={s.name} className={selected === s.name ? 'table-active' : undefined}>
                <td className="text-nowrap">
                  {onSelect ? (
                    <button
                      type="button"
                      className="btn btn-link btn-sm p-0 align-baseline"
                      onClick={() => onSelect(s.name)}
                      title={t('analytics.showCustomers', { segment: s.name })}
                      data-testid="rfm-segment-link"
                    >
                      {s.name}
                    </button>
                  ) : (
                    s.name
                  )}
                </td>
                <td className="text-end">{s.size}</td>
                <td className="text-end">{formatPercent(s.revenueShare, i18n.language)}</td>
                <td className="text-end small">
                  {formatNumber(s.mean.recencyDays, i18n.language)} / {formatNumber(s.mean.frequency, i18n.language, 1)} /{' '}
                  {formatMoney(s.mean.monetary, currency, i18n.language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
