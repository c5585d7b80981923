import type { BatchFailedFile, RejectedFile } from '@invoice/contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** One batch with the counts of its accepted files by status (see AGGREGATES). */
export interface BatchAggregateRow {
  id: string;
  created_at: Date;
  /** `created_at` in UTC with microseconds, for keyset cursors. */
  created_at_cursor: string;
  created_by: string | null;
  total: number;
  duplicates: number;
  queued: number;
  processing: number;
  done: number;
  needs_review: number;
  failed_count: number;
  rejected_count: number;
  started_at: Date | null;
  completed_at: Date | null;
}

/** One batch, with its rejected files and its failed files (the first `maxFailed` in upload order). */
export interface BatchDetailRow extends BatchAggregateRow {
  rejected: RejectedFile[] | null;
  failed: BatchFailedFile[] | null;
}

/**
 * One row per batch from its accepted files (`batch_documents`, duplicates included) joined to
 * their documents and grouped: counts by status, first start, last completion. A duplicate counts
 * with the current status of the earlier document it points to; both times are clamped to the
 * batch's creation (a duplicate of an invoice done last week does not make the batch start then).
 */
const AGGREGATES = `
  count(bd.position)::int AS total,
  count(*) FILTER (WHERE bd.duplicate)::int AS duplicates,
  count(*) FILTER (WHERE d.status = 'queued')::int AS queued,
  count(*) FILTER (WHERE d.status = 'processing')::int AS processing,
  count(*) FILTER (WHERE d.status = 'done')::int AS done,
  count(*) FILTER (WHERE d.status = 'needs_review')::int AS needs_review,
  count(*) FILTER (WHERE d.status = 'failed')::int AS failed_count,
  count(*) FILTER (WHERE d.status = 'rejected')::int AS rejected_count,
  CASE WHEN count(*) FILTER (WHERE d.status <> 'queued') > 0
       THEN greatest(b.created_at, coalesce(min(d.started_at), b.created_at)) END AS started_at,
  CASE WHEN count(bd.position) > 0 AND count(*) FILTER (WHERE d.status IN ('done', 'needs_review', 'failed', 'rejected')) = count(bd.position)
       THEN greatest(b.created_at, max(coalesce(d.completed_at, d.updated_at))) END AS completed_at,
  to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_cursor`;

const FROM_BATCH = `
  LEFT JOIN batch_documents bd ON bd.batch_id = b.id
  LEFT JOIN documents d ON d.id = bd.document_id`;

/** The organization's batch, null when it has none of that id. */
export async function findBatch(db: Db, organizationId: string, batchId: string, maxFailed: number): Promise<BatchDetailRow | null> {
  const [row]: BatchDetailRow[] = await db.query(
    `SELECT b.id, b.created_at, b.created_by, b.rejected, ${AGGREGATES},
            (array_agg(json_build_object('documentId', d.id, 'jobId', d.job_id, 'filename', bd.filename, 'error', d.error) ORDER BY bd.position)
               FILTER (WHERE d.status = 'failed'))[1:$3::int] AS failed
       FROM batches b ${FROM_BATCH}
      WHERE b.id = $1 AND b.organization_id = $2
      GROUP BY b.id`,
    [batchId, organizationId, maxFailed],
  );
  return row ?? null;
}

/** The organization's batches, newest first, keyset-paginated on (created_at, id): at most `limit` before `before`. */
export async function listBatches(
  db: Db,
  organizationId: string,
  limit: number,
  before?: { createdAt: string; id: string },
): Promise<BatchAggregateRow[]> {
  const params: unknown[] = [organizationId, limit];
  let after = '';
  if (before) {
    params.push(before.createdAt, before.id);
    after = `AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
  }
  return db.query(
    `WITH page AS (
       SELECT id, created_at, created_by FROM batches
        WHERE organization_id = $1 ${after}
        ORDER BY created_at DESC, id DESC LIMIT $2)
     SELECT b.id, b.created_at, b.created_by, ${AGGREGATES}
       FROM page b ${FROM_BATCH}
      GROUP BY b.id, b.created_at, b.created_by
      ORDER BY b.created_at DESC, b.id DESC`,
    params,
  );
}

/** The documents a batch accounted for (duplicates point to the earlier document). */
export async function batchDocumentIds(db: Db, organizationId: string, batchId: string): Promise<string[]> {
  const rows: { document_id: string }[] = await db.query(
    `SELECT document_id FROM batch_documents WHERE batch_id = $1 AND organization_id = $2`,
    [batchId, organizationId],
  );
  return rows.map((row) => row.document_id);
}
