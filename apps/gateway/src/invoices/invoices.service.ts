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
import {
  DocumentEntity,
  DocumentFileEntity,
  findDocumentByJobId,
  findEInvoiceXml,
  InvoiceEntity,
  numericTransformer,
} from '@invoice/database';
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
    // The route clients poll: one indexed row by a plain parameterized query (no query builder per poll).
    const doc = UUID.test(jobId) ? await findDocumentByJobId(this.dataSource, organizationId, jobId) : null;
    if (!doc) throw new DomainError('NOT_FOUND', `Job ${jobId} not found`);
    return toJobStatus({ id: doc.documentId, jobId: doc.jobId, status: doc.status, progress: doc.progress, error: doc.error });
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

  /** The original bytes as uploaded, with the sniffed type (for the web app's page image). */
  async getFile(organizationId: string, documentId: string): Promise<{ content: Buffer; mimeType: string; filename: string }> {
    const doc = UUID.test(documentId)
      ? await this.dataSource
          .getRepository(DocumentEntity)
          .findOne({ select: { id: true, mimeType: true, filename: true }, where: { id: documentId, organizationId } })
      : null;
    const file = doc ? await this.dataSource.getRepository(DocumentFileEntity).findOneBy({ documentId: doc.id, organizationId }) : null;
    if (!doc || !file) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
    return { content: file.content, mimeType: doc.mimeType, filename: doc.filename };
  }

  /** The e-invoice XML an invoice was read from (the PDF's attachment, or the uploaded XML); 404 when it has none. */
  async getEInvoiceXml(organizationId: string, documentId: string): Promise<{ content: Buffer; filename: string }> {
    const xml = UUID.test(documentId) ? await findEInvoiceXml(this.dataSource, organizationId, documentId) : null;
    if (!xml) throw new DomainError('NOT_FOUND', `Invoice ${documentId} has no e-invoice XML`);
    return xml;
  }

  /**
   * Filtered and sorted. The default order (upload time, newest first) is keyset-paginated on
   * (created_at, id); any other sort pages by offset (the cursor then carries the offset), with the
   * id as tie-breaker so pages never overlap.
   */
  async listInvoices(organizationId: string, query: InvoiceListQuery): Promise<InvoiceListResponse> {
    const keyset = query.sort === 'createdAt' && query.order === 'desc';
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const qb = this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .leftJoin(InvoiceEntity, 'i', 'i.document_id = d.id')
      // Explicit aliases: TypeORM would otherwise rename the entity columns (i_total) and the date would come back as a Date.
      .addSelect('i.invoice_number', 'invoice_number')
      .addSelect(`to_char(i.issue_date, 'YYYY-MM-DD')`, 'issue_date')
      .addSelect('i.customer_name', 'customer_name')
      .addSelect('i.total', 'total')
      .addSelect('i.currency', 'currency')
      .addSelect('i.document_type', 'document_type')
      .where('d.organization_id = :organizationId', { organizationId })
      .orderBy(SORT_COLUMNS[query.sort], direction, 'NULLS LAST')
      .addOrderBy('d.id', direction)
      .limit(query.limit + 1);
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.from) qb.andWhere('d.created_at >= :from::date', { from: query.from });
    if (query.to) qb.andWhere(`d.created_at < (:to::date + interval '1 day')`, { to: query.to });
    if (query.issuedFrom) qb.andWhere('i.issue_date >= :issuedFrom::date', { issuedFrom: query.issuedFrom });
    if (query.issuedTo) qb.andWhere('i.issue_date <= :issuedTo::date', { issuedTo: query.issuedTo });
    if (query.q) {
      qb.andWhere(
        '(i.invoice_number ILIKE :like OR i.customer_name ILIKE :like OR i.customer_email ILIKE :like OR d.filename ILIKE :like)',
        { like: likePattern(query.q) },
      );
    }
    if (query.customer) qb.andWhere('i.customer_name ILIKE :customer', { customer: likePattern(query.customer) });
    if (query.minTotal !== undefined) qb.andWhere('i.total >= :minTotal', { minTotal: query.minTotal });
    if (query.maxTotal !== undefined) qb.andWhere('i.total <= :maxTotal', { maxTotal: query.maxTotal });
    if (query.documentType) qb.andWhere('i.document_type = :documentType', { documentType: query.documentType });
    let offset = 0;
    if (query.cursor && keyset) {
      const { createdAt, id } = decodeCursor(query.cursor);
      qb.andWhere('(d.created_at, d.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    } else if (query.cursor) {
      offset = decodeOffsetCursor(query.cursor);
      qb.offset(offset);
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
        documentType: (r.document_type as string | null) ?? null,
      });
    });
    const hasMore = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = entities[items.length - 1];
    if (!hasMore || !last) return { items, nextCursor: null };
    return { items, nextCursor: keyset ? encodeCursor(last.createdAt, last.id) : encodeOffsetCursor(offset + items.length) };
  }
}

const SORT_COLUMNS: Record<InvoiceListQuery['sort'], string> = {
  createdAt: 'd.created_at',
  issueDate: 'i.issue_date',
  total: 'i.total',
  customerName: 'i.customer_name',
  invoiceNumber: 'i.invoice_number',
  status: 'd.status',
};

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffsetCursor(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new DomainError('VALIDATION_FAILED', 'Invalid cursor: pass the nextCursor of a previous page with the same sort');
  return Number(match[1]);
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
