import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type BatchListQuery, type BatchListResponse, type BatchResponse, type BatchSummary } from '@invoice/contracts';
import { findBatch, listBatches, type BatchAggregateRow } from '@invoice/database';
import { decodeCursor } from '../invoices/invoices.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The failed files listed in one answer; `counts.failed` is the full number. */
export const MAX_FAILED_LISTED = 1000;

function toSummary(row: BatchAggregateRow): BatchSummary {
  const counts = {
    queued: row.queued,
    processing: row.processing,
    done: row.done,
    needs_review: row.needs_review,
    failed: row.failed_count,
    rejected: row.rejected_count,
  };
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
    const row = UUID.test(batchId) ? await findBatch(this.dataSource, organizationId, batchId, MAX_FAILED_LISTED) : null;
    if (!row) throw new DomainError('NOT_FOUND', `Batch ${batchId} not found`);
    return { ...toSummary(row), failed: row.failed ?? [], rejected: row.rejected ?? [] };
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listBatches(organizationId: string, query: BatchListQuery): Promise<BatchListResponse> {
    const rows = await listBatches(this.dataSource, organizationId, query.limit + 1, query.cursor ? decodeCursor(query.cursor) : undefined);
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: hasMore && last ? Buffer.from(`${last.created_at_cursor}|${last.id}`).toString('base64url') : null,
    };
  }
}
