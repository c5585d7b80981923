/** What a chart shows, as Chart.js holds it (labels on the x axis; values, or {x, y} points). */
export interface ChartDataLike {
  labels?: readonly unknown[];
  datasets: readonly { label?: string; data: readonly unknown[] }[];
}

/** Points listed one by one in a summary; a larger series is summed up by its count and range. */
const MAX_LISTED = 24;

function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value && typeof value === 'object' && 'y' in value && typeof (value as { y: unknown }).y === 'number')
    return (value as { y: number }).y;
  return null;
}

/**
 * A chart's text alternative (the canvas's aria-label): each series with its label and its values by
 * x label, in the page's language; a long series (a scatter of customers) as its count and range.
 */
export function chartSummary(data: ChartDataLike, language: string): string {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const labels = data.labels ?? [];
  return data.datasets
    .map((dataset) => {
      const values = dataset.data.map(numberOf);
      const known = values.filter((v): v is number => v !== null);
      const name = dataset.label ?? '';
      if (known.length === 0) return `${name}: —`;
      if (values.length > MAX_LISTED || labels.length === 0) {
        return `${name}: ${format.format(known.length)} × [${format.format(Math.min(...known))} … ${format.format(Math.max(...known))}]`;
      }
      const points = values.map((v, i) => `${String(labels[i] ?? i + 1)} ${v === null ? '—' : format.format(v)}`);
      return `${name}: ${points.join(', ')}`;
    })
    .join('; ');
}
