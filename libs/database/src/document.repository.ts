import type { DocumentStatus, OcrOptions } from '@invoice/contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/*
 * Every write of a document's `status` goes through this file: the gateway inserts uploads as
 * `queued`, queues them again for a reprocess and records a person's review (done, needs_review,
 * rejected, or the status an undo sets back); the OCR worker's
 * DocumentLifecycle moves them through `processing` to a final status, or back to `queued` for a retry.
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
  return updateOne(db, `UPDATE documents SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'processing'`, [
    documentId,
    progress,
  ]);
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

/** An uploaded file, stored as `queued` with its bytes. */
export interface NewDocument {
  id: string;
  organizationId: string;
  jobId: string;
  batchId: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  requestId: string | null;
}

/**
 * Stores an upload as `queued`, the row and its bytes in one statement (one round trip per file).
 * False when the organization already holds the same bytes: ON CONFLICT DO NOTHING also waits for a
 * concurrent upload of them to commit, and then nothing is inserted.
 */
export async function insertQueuedDocument(db: Db, document: NewDocument, content: Buffer): Promise<boolean> {
  const [row]: { inserted: number }[] = await db.query(
    `WITH document AS (
       INSERT INTO documents (id, organization_id, job_id, batch_id, filename, mime_type, size_bytes, sha256, status, progress, uploaded_by, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9, $10)
       ON CONFLICT DO NOTHING
       RETURNING id, organization_id
     ), bytes AS (
       INSERT INTO document_files (document_id, organization_id, content) SELECT id, organization_id, $11 FROM document RETURNING document_id
     )
     SELECT count(*)::int AS inserted FROM bytes`,
    [
      document.id,
      document.organizationId,
      document.jobId,
      document.batchId,
      document.filename,
      document.mimeType,
      document.sizeBytes,
      document.sha256,
      document.uploadedBy,
      document.requestId,
      content,
    ],
  );
  return (row?.inserted ?? 0) > 0;
}

/** A reprocess: `queued` again under a new job id, attempts counted afresh, with the job's OCR settings. */
export async function requeueDocument(
  db: Db,
  documentId: string,
  job: { jobId: string; ocrOptions: OcrOptions | null; requestId: string | null },
): Promise<DocumentStateRow | null> {
  return updateOne(
    db,
    `UPDATE documents SET job_id = $2, status = 'queued', progress = 0, error = NULL, attempts = 0, ocr_options = $3::jsonb, request_id = $4, updated_at = now()
      WHERE id = $1`,
    [documentId, job.jobId, job.ocrOptions === null ? null : JSON.stringify(job.ocrOptions), job.requestId],
  );
}

/** A person reviewed the invoice: `done`, `needs_review` or `rejected`; completed at its first final status. */
export function markDocumentReviewed(
  db: Db,
  documentId: string,
  status: Extract<DocumentStatus, 'done' | 'needs_review' | 'rejected'>,
): Promise<DocumentStateRow | null> {
  return updateOne(
    db,
    `UPDATE documents SET status = $2, error = NULL, completed_at = coalesce(completed_at, now()), updated_at = now() WHERE id = $1`,
    [documentId, status],
  );
}

/** A document the reconciler checks, with its 1-based rank among its organization's pending documents (oldest first). */
export interface PendingDocumentRow {
  id: string;
  organizationId: string;
  jobId: string;
  requestId: string | null;
  position: number;
}

/** Documents `queued` or `processing` and unchanged for `graceMs`, with an id after `after`, in id order, at most `limit`. */
export async function pendingDocuments(db: Db, graceMs: number, after: string, limit: number): Promise<PendingDocumentRow[]> {
  const rows: { id: string; organization_id: string; job_id: string; request_id: string | null; position: string }[] = await db.query(
    `SELECT id, organization_id, job_id, request_id, position FROM (
       SELECT id, organization_id, job_id, request_id, updated_at,
              row_number() OVER (PARTITION BY organization_id ORDER BY created_at, id) AS position
         FROM documents WHERE status IN ('queued', 'processing')) pending
      WHERE updated_at < now() - make_interval(secs => $1::float / 1000) AND id > $2
      ORDER BY id LIMIT $3`,
    [graceMs, after, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    jobId: r.job_id,
    requestId: r.request_id,
    position: Number(r.position),
  }));
}

/** The organization's documents waiting in `queued` (its backlog: the fair-queueing priority of new jobs starts after it). */
export async function countQueuedDocuments(db: Db, organizationId: string): Promise<number> {
  const [row]: { queued: number }[] = await db.query(
    `SELECT count(*)::int AS queued FROM documents WHERE organization_id = $1 AND status = 'queued'`,
    [organizationId],
  );
  return row?.queued ?? 0;
}

/** A job's document as a status poll answers it. */
export interface JobDocumentRow {
  documentId: string;
  jobId: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
  updatedAt: Date;
}

/** The organization's document whose current job is `jobId` (one indexed row: the route clients poll); null when none. */
export async function findDocumentByJobId(db: Db, organizationId: string, jobId: string): Promise<JobDocumentRow | null> {
  const [row]: { id: string; job_id: string; status: DocumentStatus; progress: number; error: string | null; updated_at: Date }[] =
    await db.query(`SELECT id, job_id, status, progress, error, updated_at FROM documents WHERE job_id = $1 AND organization_id = $2`, [
      jobId,
      organizationId,
    ]);
  return row
    ? { documentId: row.id, jobId: row.job_id, status: row.status, progress: row.progress, error: row.error, updatedAt: row.updated_at }
    : null;
}

/** An undone review: the status and completion time the document had before it. */
export function restoreDocumentStatus(
  db: Db,
  documentId: string,
  state: { status: DocumentStatus; completedAt: string | null },
): Promise<DocumentStateRow | null> {
  return updateOne(db, `UPDATE documents SET status = $2, completed_at = $3::timestamptz, updated_at = now() WHERE id = $1`, [
    documentId,
    state.status,
    state.completedAt,
  ]);
}
