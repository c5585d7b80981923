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
  const organizationName = options.organizationName ?? 'Seeded organization';
  await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [randomUUID(), organizationName]);
  const [{ id: organizationId }] = await dataSource.query(`SELECT id FROM organizations WHERE name = $1`, [organizationName]);
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
    await manager.query(`INSERT INTO document_files (document_id, organization_id, content) VALUES ($1, $2, $3)`, [documentId, organizationId, content]);
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
    if (Date.now() > deadline) throw new Error(`Document ${documentId} still ${row?.status} after ${timeoutMs} ms (wanted ${statuses.join('/')})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
