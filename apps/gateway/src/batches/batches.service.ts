import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  type BatchFailedFile,
  type BatchListQuery,
  type BatchListResponse,
  type BatchResponse,
  type BatchSummary,
  type RejectedFile,
} from '@invoice/contracts';
import { decodeCursor } from '../invoices/invoices.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The failed files listed in one answer; `counts.failed` is the full number. */
export const MAX_FAILED_LISTED = 1000;

interface BatchRow {
  id: string;
  created_at: Date;
  created_at_cursor: string;
  created_by: string | null;
  rejected?: RejectedFile[];
  failed?: BatchFailedFile[] | null;
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

function toSummary(row: BatchRow): BatchSummary {
  const counts = { queued: row.queued, processing: row.processing, done: row.done, needs_review: row.needs_review, failed: row.failed_count, rejected: row.rejected_count };
  const final = row.done + row.needs_review + row.failed_count + row.rejected_count;
  return {
    batchId: row.id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    total: row.total,
    duplicates: row.duplicates,
    counts,
    progress: row.total === 0 ? 100 : Math.floor((final * 100) / row.total),
  };
}

/** Batches of the caller's organization (another organization's batch is a 404); each answer is one grouped query. */
@Injectable()
export class BatchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getBatch(organizationId: string, batchId: string): Promise<BatchResponse> {
    const rows: BatchRow[] = UUID.test(batchId)
      ? await this.dataSource.query(
          `SELECT b.id, b.created_at, b.created_by, b.rejected, ${AGGREGATES},
                  (array_agg(json_build_object('documentId', d.id, 'jobId', d.job_id, 'filename', bd.filename, 'error', d.error) ORDER BY bd.position)
                     FILTER (WHERE d.status = 'failed'))[1:${MAX_FAILED_LISTED}] AS failed
             FROM batches b ${FROM_BATCH}
            WHERE b.id = $1 AND b.organization_id = $2
            GROUP BY b.id`,
          [batchId, organizationId],
        )
      : [];
    const row = rows[0];
    if (!row) throw new DomainError('NOT_FOUND', `Batch ${batchId} not found`);
    return { ...toSummary(row), failed: row.failed ?? [], rejected: row.rejected ?? [] };
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listBatches(organizationId: string, query: BatchListQuery): Promise<BatchListResponse> {
    const params: unknown[] = [organizationId, query.limit + 1];
    let after = '';
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      params.push(createdAt, id);
      after = `AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: BatchRow[] = await this.dataSource.query(
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
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: hasMore && last ? Buffer.from(`${last.created_at_cursor}|${last.id}`).toString('base64url') : null,
    };
  }
}
