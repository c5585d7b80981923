import type { Role } from '@invoice/contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** What the gateway checks on every authenticated request. */
export interface UserAuthState {
  id: string;
  organizationId: string;
  username: string;
  role: Role;
  active: boolean;
  tokenVersion: number;
}

export interface UserCredentials extends UserAuthState {
  passwordHash: string;
}

interface UserRow {
  id: string;
  organization_id: string;
  username: string;
  role: Role;
  active: boolean;
  token_version: number;
}

const toState = (row: UserRow): UserAuthState => ({
  id: row.id,
  organizationId: row.organization_id,
  username: row.username,
  role: row.role,
  active: row.active,
  tokenVersion: row.token_version,
});

const STATE_COLUMNS = 'id, organization_id, username, role, active, token_version';

/** The user's current role, organization, active flag and token version (one primary-key lookup). */
export async function findUserAuthState(db: Db, userId: string): Promise<UserAuthState | null> {
  const [row]: UserRow[] = await db.query(`SELECT ${STATE_COLUMNS} FROM users WHERE id = $1`, [userId]);
  return row ? toState(row) : null;
}

export async function findUserCredentials(db: Db, username: string): Promise<UserCredentials | null> {
  const [row]: (UserRow & { password_hash: string })[] = await db.query(
    `SELECT ${STATE_COLUMNS}, password_hash FROM users WHERE username = $1`,
    [username],
  );
  return row ? { ...toState(row), passwordHash: row.password_hash } : null;
}

/** Revokes every token issued to the user so far; returns the new version, or null when the user does not exist. */
export async function bumpTokenVersion(db: Db, userId: string): Promise<number | null> {
  // TypeORM answers an UPDATE on PostgreSQL with [rows, affected].
  const [[row]]: [{ token_version: number }[], number] = await db.query(
    `UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version`,
    [userId],
  );
  return row?.token_version ?? null;
}

/** Sets a new password hash and revokes the user's earlier tokens. */
export async function setUserPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.query(`UPDATE users SET password_hash = $2, token_version = token_version + 1 WHERE id = $1`, [userId, passwordHash]);
}

/**
 * Changes a user's role and/or active flag within an organization and revokes its earlier tokens;
 * null when the organization has no such user.
 */
export async function updateUserAccess(
  db: Db,
  organizationId: string,
  userId: string,
  change: { role?: Role; active?: boolean },
): Promise<UserAuthState | null> {
  const [[row]]: [UserRow[], number] = await db.query(
    `UPDATE users SET role = COALESCE($3, role), active = COALESCE($4, active), token_version = token_version + 1
      WHERE id = $1 AND organization_id = $2
      RETURNING ${STATE_COLUMNS}`,
    [userId, organizationId, change.role ?? null, change.active ?? null],
  );
  return row ? toState(row) : null;
}
