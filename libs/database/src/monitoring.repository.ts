import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** Documents of the organization that reached each final status, per minute over the last `windowMinutes`, zeros included. */
export interface FinishedPerMinuteRow {
  minute: Date;
  done: number;
  needsReview: number;
  failed: number;
}

/** One indexed range scan on `completed_at`. */
export async function finishedPerMinute(db: Db, organizationId: string, windowMinutes: number): Promise<FinishedPerMinuteRow[]> {
  const rows: { minute: Date; done: number; needs_review: number; failed: number }[] = await db.query(
    `SELECT m.minute,
            count(d.id) FILTER (WHERE d.status = 'done')::int AS done,
            count(d.id) FILTER (WHERE d.status = 'needs_review')::int AS needs_review,
            count(d.id) FILTER (WHERE d.status = 'failed')::int AS failed
       FROM generate_series(date_trunc('minute', now()) - make_interval(mins => $2::int - 1), date_trunc('minute', now()), interval '1 minute') AS m(minute)
       LEFT JOIN documents d
         ON d.organization_id = $1 AND d.completed_at >= m.minute AND d.completed_at < m.minute + interval '1 minute'
      GROUP BY m.minute ORDER BY m.minute`,
    [organizationId, windowMinutes],
  );
  return rows.map((r) => ({ minute: r.minute, done: r.done, needsReview: r.needs_review, failed: r.failed }));
}

/** OCR duration percentiles (ms) of the organization's invoices completed in the last `windowMinutes`; null without samples. */
export interface OcrLatencyRow {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  samples: number;
}

export async function ocrLatency(db: Db, organizationId: string, windowMinutes: number): Promise<OcrLatencyRow> {
  const [row]: OcrLatencyRow[] = await db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i.ocr_duration_ms) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY i.ocr_duration_ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY i.ocr_duration_ms) AS p99,
            count(*)::int AS samples
       FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE d.organization_id = $1 AND d.completed_at >= now() - make_interval(mins => $2::int)`,
    [organizationId, windowMinutes],
  );
  return row ?? { p50: null, p95: null, p99: null, samples: 0 };
}
