import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** An upload's stored answer, replayed for the same `Idempotency-Key`. */
export interface StoredIdempotentAnswer {
  fingerprint: string;
  statusCode: number;
  response: unknown;
}

/** The answer stored under (organization, key) within the last `ttlHours`; null when none. */
export async function findIdempotentAnswer(
  db: Db,
  organizationId: string,
  key: string,
  ttlHours: number,
): Promise<StoredIdempotentAnswer | null> {
  const [row]: { fingerprint: string; status_code: number; response: unknown }[] = await db.query(
    `SELECT fingerprint, status_code, response FROM idempotency_keys
      WHERE organization_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
    [organizationId, key, ttlHours],
  );
  return row ? { fingerprint: row.fingerprint, statusCode: row.status_code, response: row.response } : null;
}

/** Stores the answer (an expired row with the same key is replaced). */
export async function saveIdempotentAnswer(db: Db, organizationId: string, key: string, answer: StoredIdempotentAnswer): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (organization_id, key, fingerprint, status_code, response, created_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (organization_id, key) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, status_code = EXCLUDED.status_code, response = EXCLUDED.response, created_at = EXCLUDED.created_at`,
    [organizationId, key, answer.fingerprint, answer.statusCode, JSON.stringify(answer.response)],
  );
}

/** Deletes the answers older than `ttlHours`; returns how many. TypeORM answers a DELETE with [rows, rowCount]. */
export async function deleteExpiredIdempotencyKeys(db: Db, ttlHours: number): Promise<number> {
  const [, deleted]: [unknown[], number] = await db.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
    [ttlHours],
  );
  return Number(deleted ?? 0);
}
