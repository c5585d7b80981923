import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  type InvoiceListQuery,
  type InvoiceListResponse,
  type InvoiceResponse,
  type JobStatusResponse,
} from '@invoice/contracts';
import { DocumentEntity, InvoiceEntity, numericTransformer } from '@invoice/database';
import { InvoiceCorrectionsService } from './invoice-corrections.service.js';
import { toInvoiceResponse, toInvoiceSummary, toJobStatus } from './invoice.mapper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads documents and invoices, always scoped to the caller's organization (another's data is a 404). */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly corrections: InvoiceCorrectionsService,
  ) {}

  /** One indexed row: cheap enough for clients that poll. */
  async jobStatus(organizationId: string, jobId: string): Promise<JobStatusResponse> {
    const doc = UUID.test(jobId)
      ? await this.dataSource.getRepository(DocumentEntity).findOne({
          select: { id: true, jobId: true, status: true, progress: true, error: true },
          where: { jobId, organizationId },
        })
      : null;
    if (!doc) throw new DomainError('NOT_FOUND', `Job ${jobId} not found`);
    return toJobStatus(doc);
  }

  async getInvoice(organizationId: string, documentId: string): Promise<InvoiceResponse> {
    const doc = UUID.test(documentId)
      ? await this.dataSource.getRepository(DocumentEntity).findOneBy({ id: documentId, organizationId })
      : null;
    if (!doc) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
    const invoice = await this.dataSource
      .getRepository(InvoiceEntity)
      .findOne({ where: { documentId: doc.id, organizationId }, relations: { lineItems: true } });
    return toInvoiceResponse(doc, invoice, invoice ? await this.corrections.history(invoice.id) : []);
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listInvoices(organizationId: string, query: InvoiceListQuery): Promise<InvoiceListResponse> {
    const qb = this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .leftJoin(InvoiceEntity, 'i', 'i.document_id = d.id')
      .addSelect(['i.invoice_number', 'i.issue_date', 'i.customer_name', 'i.total', 'i.currency'])
      .where('d.organization_id = :organizationId', { organizationId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(query.limit + 1);
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.from) qb.andWhere('d.created_at >= :from::date', { from: query.from });
    if (query.to) qb.andWhere(`d.created_at < (:to::date + interval '1 day')`, { to: query.to });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        '(i.invoice_number ILIKE :like OR i.customer_name ILIKE :like OR i.customer_email ILIKE :like OR d.filename ILIKE :like)',
        { like },
      );
    }
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      qb.andWhere('(d.created_at, d.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const { entities, raw } = await qb.getRawAndEntities();
    const rows = entities.map((doc, index) => {
      const r = raw[index] as Record<string, unknown>;
      return toInvoiceSummary(doc, {
        invoiceNumber: (r.invoice_number as string | null) ?? null,
        issueDate: (r.issue_date as string | null) ?? null,
        customerName: (r.customer_name as string | null) ?? null,
        total: numericTransformer.from(r.total ?? null) as number | null,
        currency: (r.currency as string | null) ?? null,
      });
    });
    const hasMore = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = entities[items.length - 1];
    return { items, nextCursor: hasMore && last ? encodeCursor(last.createdAt, last.id) : null };
  }
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !UUID.test(id)) {
    throw new DomainError('VALIDATION_FAILED', 'Invalid cursor: pass the nextCursor of a previous page');
  }
  return { createdAt, id };
}
