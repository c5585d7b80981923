import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** A field's value before and after one save. */
export type CorrectionChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * Keeps the extraction as the OCR read it: the first correction stores it, an undo of that
 * correction sets it back to null.
 */
export async function setOriginalExtraction(db: Db, invoiceId: string, original: Record<string, unknown> | null): Promise<void> {
  await db.query(`UPDATE invoices SET original_extraction = $2 WHERE id = $1`, [
    invoiceId,
    original === null ? null : JSON.stringify(original),
  ]);
}

/** One audit record of a save: who, the changes, the state they replaced (what an undo restores), and the record it undoes. */
export async function recordInvoiceCorrection(
  db: Db,
  record: {
    organizationId: string;
    invoiceId: string;
    userId: string;
    username: string;
    changes: CorrectionChanges;
    previous: unknown;
    undoOf?: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO invoice_corrections (id, organization_id, invoice_id, user_id, username, changes, previous, undo_of, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())`,
    [
      id,
      record.organizationId,
      record.invoiceId,
      record.userId,
      record.username,
      JSON.stringify(record.changes),
      JSON.stringify(record.previous),
      record.undoOf ?? null,
    ],
  );
  return id;
}

export interface InvoiceCorrectionRow<Previous = unknown> {
  id: string;
  userId: string | null;
  username: string;
  createdAt: Date;
  changes: CorrectionChanges;
  previous: Previous | null;
  undoOf: string | null;
}

interface RawCorrectionRow<Previous> {
  id: string;
  user_id: string | null;
  username: string;
  created_at: Date;
  changes: CorrectionChanges;
  previous: Previous | null;
  undo_of: string | null;
}

const toCorrectionRow = <Previous>(r: RawCorrectionRow<Previous>): InvoiceCorrectionRow<Previous> => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  createdAt: r.created_at,
  changes: r.changes,
  previous: r.previous,
  undoOf: r.undo_of,
});

const CORRECTION_COLUMNS = 'id, user_id, username, created_at, changes, previous, undo_of';

/** An invoice's saves, oldest first. */
export async function invoiceCorrections(db: Db, invoiceId: string): Promise<InvoiceCorrectionRow[]> {
  const rows: RawCorrectionRow<unknown>[] = await db.query(
    `SELECT ${CORRECTION_COLUMNS} FROM invoice_corrections WHERE invoice_id = $1 ORDER BY created_at, id`,
    [invoiceId],
  );
  return rows.map(toCorrectionRow);
}

/** An invoice's latest save; null when it has none. */
export async function latestInvoiceCorrection<Previous>(db: Db, invoiceId: string): Promise<InvoiceCorrectionRow<Previous> | null> {
  const [row]: RawCorrectionRow<Previous>[] = await db.query(
    `SELECT ${CORRECTION_COLUMNS} FROM invoice_corrections WHERE invoice_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [invoiceId],
  );
  return row ? toCorrectionRow(row) : null;
}
