import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError, QUEUES, segmentationRunJob, type CustomerListQuery } from '@invoice/contracts';
import {
  customerInvoices,
  latestSucceededRuns,
  listRuns,
  runCustomer,
  runCustomers,
  runRfmSegments,
  runSegments,
  segmentCategories,
  segmentMovements,
  type RfmSegmentRow,
  type RunRow,
  type SegmentRow,
} from '@invoice/database';
import { RFM_SEGMENTS } from '@invoice/segmentation';

@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.SEGMENTATION) private readonly queue: Queue,
  ) {}

  /** Queues a run for the caller's organization now; a run already waiting for it is reused. */
  async recompute(organizationId: string): Promise<{ jobId: string }> {
    const { name, data, opts } = segmentationRunJob({ trigger: 'manual', organizationId });
    const job = await this.queue.add(name, data, opts);
    return { jobId: job.id! };
  }

  async latest(organizationId: string): Promise<{
    run: RunRow | null;
    segments: SegmentRow[];
    rfmSegments: RfmSegmentRow[];
    movements: { since: string | null; changes: { from: string | null; to: string | null; customers: number }[] };
    categories: { segment: string; category: string | null; customers: number }[];
  }> {
    const [run, previous] = await latestSucceededRuns(this.dataSource, organizationId, 2);
    if (!run) return { run: null, segments: [], rfmSegments: [], movements: { since: null, changes: [] }, categories: [] };
    return {
      run,
      segments: await runSegments(this.dataSource, run.id),
      rfmSegments: await runRfmSegments(this.dataSource, run.id, RFM_SEGMENTS),
      categories: await segmentCategories(this.dataSource, run.id),
      movements: {
        since: previous?.startedAt ?? null,
        changes: previous ? await segmentMovements(this.dataSource, previous.id, run.id) : [],
      },
    };
  }

  runs(organizationId: string): Promise<RunRow[]> {
    return listRuns(this.dataSource, organizationId);
  }

  async customers(organizationId: string, query: CustomerListQuery) {
    const [run] = await latestSucceededRuns(this.dataSource, organizationId, 1);
    if (!run) return { runId: null, items: [], nextCursor: null };
    const offset = query.cursor ? decodeOffset(query.cursor) : 0;
    const rows = await runCustomers(this.dataSource, run.id, {
      segment: query.segment ?? null,
      rfmSegment: query.rfmSegment ?? null,
      sort: query.sort,
      limit: query.limit + 1,
      offset,
    });
    const hasMore = rows.length > query.limit;
    return { runId: run.id, items: rows.slice(0, query.limit), nextCursor: hasMore ? encodeOffset(offset + query.limit) : null };
  }

  async customer(organizationId: string, customerKey: string) {
    const [run] = await latestSucceededRuns(this.dataSource, organizationId, 1);
    const profile = run ? await runCustomer(this.dataSource, run.id, customerKey) : null;
    const invoices = await customerInvoices(this.dataSource, organizationId, customerKey);
    if (!profile && invoices.length === 0) throw new DomainError('NOT_FOUND', `Customer ${customerKey} not found`);
    return { customer: profile ?? null, runId: run?.id ?? null, invoices };
  }
}

const encodeOffset = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeOffset(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new DomainError('VALIDATION_FAILED', 'Invalid cursor: pass the nextCursor of a previous page');
  return Number(match[1]);
}
