import type { DocumentStatus } from '@invoice/contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/**
 * Every write of a document's `status` goes through this file: the gateway inserts documents as
 * `queued` and queues them again for a reprocess; the OCR worker's DocumentLifecycle moves them
 * through `processing` to a final status, or back to `queued` for a retry.
 */

/** A document's state as a job status event carries it, with the file name its webhooks show. */
export interface DocumentStateRow {
  documentId: string;
  organizationId: string;
  jobId: string;
  filename: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
}

interface RawStateRow {
  id: string;
  organization_id: string;
  job_id: string;
  filename: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
}

const STATE_COLUMNS = 'id, organization_id, job_id, filename, status, progress, error';

const toStateRow = (row: RawStateRow): DocumentStateRow => ({
  documentId: row.id,
  organizationId: row.organization_id,
  jobId: row.job_id,
  filename: row.filename,
  status: row.status,
  progress: row.progress,
  error: row.error,
});

/** Runs an `UPDATE ... RETURNING` and gives the one row it changed, or null. TypeORM answers it with [rows, rowCount]. */
async function updateOne(db: Db, sql: string, parameters: unknown[]): Promise<DocumentStateRow | null> {
  const [rows]: [RawStateRow[], number] = await db.query(`${sql} RETURNING ${STATE_COLUMNS}`, parameters);
  const [row] = rows;
  return row ? toStateRow(row) : null;
}

/** An attempt starts: `processing` at 5%, one more attempt counted. */
export function markDocumentProcessing(db: Db, documentId: string): Promise<DocumentStateRow | null> {
  return updateOne(
    db,
    `UPDATE documents SET status = 'processing', progress = 5, error = NULL, started_at = now(), attempts = attempts + 1, updated_at = now()
      WHERE id = $1`,
    [documentId],
  );
}

/** Progress of the attempt in hand; a document no longer `processing` keeps its row. */
export function recordDocumentProgress(db: Db, documentId: string, progress: number): Promise<DocumentStateRow | null> {
  return updateOne(db, `UPDATE documents SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'processing'`, [documentId, progress]);
}

/** The invoice is stored: `done` or `needs_review`, with the pages read. */
export function markDocumentCompleted(
  db: Db,
  documentId: string,
  status: Extract<DocumentStatus, 'done' | 'needs_review'>,
  pageCount: number,
): Promise<DocumentStateRow | null> {
  return updateOne(
    db,
    `UPDATE documents SET status = $2, progress = 100, error = NULL, completed_at = now(), page_count = $3, updated_at = now()
      WHERE id = $1`,
    [documentId, status, pageCount],
  );
}

/** The job will run again: back to `queued`, the error visible. Null when the document was not pending any more. */
export function markDocumentRetrying(db: Db, documentId: string, error: string): Promise<DocumentStateRow | null> {
  return updateOne(
    db,
    `UPDATE documents SET status = 'queued', progress = 0, error = $2, updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'processing')`,
    [documentId, error],
  );
}

/** No attempt left: `failed` with the reason. Null when the document was not pending any more. */
export function markDocumentFailed(db: Db, documentId: string, error: string): Promise<DocumentStateRow | null> {
  return updateOne(
    db,
    `UPDATE documents SET status = 'failed', error = $2, completed_at = now(), updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'processing')`,
    [documentId, error],
  );
}
