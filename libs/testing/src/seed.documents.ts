import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DocumentStatus } from '@invoice/contracts';

export interface SeededDocument {
  organizationId: string;
  documentId: string;
  jobId: string;
}

/** Inserts an organization (when missing) and a stored document with its bytes, as the gateway would. */
export async function seedDocument(
  dataSource: DataSource,
  content: Buffer,
  options: { organizationName?: string; mimeType?: string; status?: DocumentStatus; updatedSecondsAgo?: number } = {},
): Promise<SeededDocument> {
  const organizationId = await seedOrganization(dataSource, options.organizationName ?? 'Seeded organization');
  const documentId = randomUUID();
  const jobId = randomUUID();
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO documents (id, organization_id, job_id, filename, mime_type, size_bytes, sha256, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() - make_interval(secs => $9))`,
      [
        documentId,
        organizationId,
        jobId,
        `seeded-${documentId.slice(0, 8)}`,
        options.mimeType ?? 'image/png',
        content.length,
        createHash('sha256').update(content).digest('hex'),
        options.status ?? 'queued',
        options.updatedSecondsAgo ?? 0,
      ],
    );
    await manager.query(`INSERT INTO document_files (document_id, organization_id, content) VALUES ($1, $2, $3)`, [
      documentId,
      organizationId,
      content,
    ]);
  });
  return { organizationId, documentId, jobId };
}

/** Polls a document until its status is one of `statuses` (or the time is up). */
export async function waitForDocumentStatus(
  dataSource: DataSource,
  documentId: string,
  statuses: DocumentStatus[],
  timeoutMs = 120_000,
): Promise<{ status: DocumentStatus; error: string | null; attempts: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await dataSource.query(`SELECT status, error, attempts FROM documents WHERE id = $1`, [documentId]);
    if (row && statuses.includes(row.status)) return row;
    if (Date.now() > deadline)
      throw new Error(`Document ${documentId} still ${row?.status} after ${timeoutMs} ms (wanted ${statuses.join('/')})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface SeedInvoice {
  organizationId: string;
  customerKey: string | null;
  customerName?: string;
  customerCategory?: string | null;
  issueDate: string | null;
  total: number | null;
  currency?: string;
  status?: DocumentStatus;
}

/** Inserts a processed invoice (document, file bytes and invoice rows) without OCR, for segmentation tests and benchmarks. */
export async function seedInvoice(dataSource: DataSource, invoice: SeedInvoice): Promise<string> {
  const documentId = randomUUID();
  const bytes = Buffer.from(documentId);
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO documents (id, organization_id, job_id, filename, mime_type, size_bytes, sha256, status, progress, completed_at)
       VALUES ($1, $2, $3, 'seeded.png', 'image/png', $4, $5, $6, 100, now())`,
      [
        documentId,
        invoice.organizationId,
        randomUUID(),
        bytes.length,
        createHash('sha256').update(bytes).digest('hex'),
        invoice.status ?? 'done',
      ],
    );
    await manager.query(`INSERT INTO document_files (document_id, organization_id, content) VALUES ($1, $2, $3)`, [
      documentId,
      invoice.organizationId,
      bytes,
    ]);
    await manager.query(
      `INSERT INTO invoices (id, document_id, organization_id, customer_key, customer_name, customer_category, issue_date, total, currency,
                             issues, ocr_text, ocr_words, ocr_confidence, ocr_duration_ms, engine_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '[]', '', '[]', 90, 0, 'seeded')`,
      [
        randomUUID(),
        documentId,
        invoice.organizationId,
        invoice.customerKey,
        invoice.customerName ?? null,
        invoice.customerCategory ?? null,
        invoice.issueDate,
        invoice.total,
        invoice.currency ?? 'EUR',
      ],
    );
  });
  return documentId;
}

/** An organization row (created when missing); returns its id. */
export async function seedOrganization(dataSource: DataSource, name: string): Promise<string> {
  await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [randomUUID(), name]);
  const [{ id }] = await dataSource.query(`SELECT id FROM organizations WHERE name = $1`, [name]);
  return id;
}
