import type { EntityManager } from 'typeorm';

/*
 * Locks held until the caller's transaction ends (commit or rollback, also when its connection dies).
 */

/** Takes the advisory lock `key` when free: one holder at a time across every process. False when another transaction holds it. */
export async function tryAdvisoryTransactionLock(manager: EntityManager, key: number): Promise<boolean> {
  const [row]: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
  return row?.locked === true;
}

/** The same for a text key (hashed to 64 bits). */
export async function tryAdvisoryTransactionLockOnText(manager: EntityManager, key: string): Promise<boolean> {
  const [row]: { locked: boolean }[] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [key]);
  return row?.locked === true;
}

/** Locks the organization's row: serializes changes that must respect a per-organization limit. */
export async function lockOrganization(manager: EntityManager, organizationId: string): Promise<void> {
  await manager.query(`SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, [organizationId]);
}
