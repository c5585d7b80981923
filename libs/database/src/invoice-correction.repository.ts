import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** A field's value before and after one correction. */
export type CorrectionChanges = Record<string, { from: unknown; to: unknown }>;

/** Keeps the extraction as the OCR read it, once: the first correction stores it, later ones leave it. */
export async function keepOriginalExtraction(db: Db, invoiceId: string, original: Record<string, unknown>): Promise<void> {
  await db.query(`UPDATE invoices SET original_extraction = $2 WHERE id = $1`, [invoiceId, JSON.stringify(original)]);
}

/** Records who changed what on an invoice. */
export async function recordInvoiceCorrection(
  db: Db,
  correction: { organizationId: string; invoiceId: string; userId: string; username: string; changes: CorrectionChanges },
): Promise<void> {
  await db.query(`INSERT INTO invoice_corrections (id, organization_id, invoice_id, user_id, username, changes) VALUES ($1, $2, $3, $4, $5, $6)`, [
    randomUUID(),
    correction.organizationId,
    correction.invoiceId,
    correction.userId,
    correction.username,
    JSON.stringify(correction.changes),
  ]);
}

/** An invoice's corrections, oldest first. */
export async function invoiceCorrections(db: Db, invoiceId: string): Promise<{ username: string; createdAt: Date; changes: CorrectionChanges }[]> {
  const rows: { username: string; created_at: Date; changes: CorrectionChanges }[] = await db.query(
    `SELECT username, created_at, changes FROM invoice_corrections WHERE invoice_id = $1 ORDER BY created_at, id`,
    [invoiceId],
  );
  return rows.map((r) => ({ username: r.username, createdAt: r.created_at, changes: r.changes }));
}
