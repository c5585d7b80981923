import type { DataSource, EntityManager } from 'typeorm';

/** Readiness: one round trip to PostgreSQL. */
export async function pingDatabase(db: DataSource | EntityManager): Promise<void> {
  await db.query('SELECT 1');
}
