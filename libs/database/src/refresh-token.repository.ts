import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

export interface NewRefreshToken {
  id: string;
  organizationId: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  tokenVersion: number;
  expiresAt: Date;
  sessionExpiresAt: Date;
}

export interface RefreshTokenRow {
  id: string;
  organizationId: string;
  userId: string;
  familyId: string;
  tokenVersion: number;
  sessionExpiresAt: Date;
}

/** Why a presented refresh token was not used: unknown, already used (a replay), revoked, or expired. */
export type RefreshRefusal = 'unknown' | 'reused' | 'revoked' | 'expired';

interface Row {
  id: string;
  organization_id: string;
  user_id: string;
  family_id: string;
  token_version: number;
  session_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

const COLUMNS = 'id, organization_id, user_id, family_id, token_version, session_expires_at, used_at, revoked_at, expires_at';
const toRow = (row: Row): RefreshTokenRow => ({
  id: row.id,
  organizationId: row.organization_id,
  userId: row.user_id,
  familyId: row.family_id,
  tokenVersion: row.token_version,
  sessionExpiresAt: new Date(row.session_expires_at),
});

export async function insertRefreshToken(db: Db, token: NewRefreshToken): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (id, organization_id, user_id, family_id, token_hash, token_version, expires_at, session_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      token.id,
      token.organizationId,
      token.userId,
      token.familyId,
      token.tokenHash,
      token.tokenVersion,
      token.expiresAt,
      token.sessionExpiresAt,
    ],
  );
}

/**
 * Uses a refresh token once: marks it used and answers its row when it was unused, unrevoked and unexpired
 * (one UPDATE, so two requests with the same token cannot both use it); otherwise the reason and, when the
 * token is known, its family.
 */
export async function consumeRefreshToken(
  db: Db,
  tokenHash: string,
): Promise<{ token: RefreshTokenRow } | { refusal: RefreshRefusal; familyId: string | null }> {
  const [[used]]: [Row[], number] = await db.query(
    `UPDATE refresh_tokens SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() AND session_expires_at > now()
      RETURNING ${COLUMNS}`,
    [tokenHash],
  );
  if (used) return { token: toRow(used) };
  const [row]: Row[] = await db.query(`SELECT ${COLUMNS} FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
  if (!row) return { refusal: 'unknown', familyId: null };
  if (row.revoked_at) return { refusal: 'revoked', familyId: row.family_id };
  if (row.used_at) return { refusal: 'reused', familyId: row.family_id };
  return { refusal: 'expired', familyId: row.family_id };
}

/** Ends a session: every token of the family is revoked. */
export async function revokeRefreshFamily(db: Db, familyId: string): Promise<void> {
  await db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
}

/** The family of a token (logging out with it), or null. */
export async function findRefreshFamily(db: Db, tokenHash: string): Promise<string | null> {
  const [row]: { family_id: string }[] = await db.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
  return row?.family_id ?? null;
}

/** Forgets the tokens of sessions past their absolute end by a day (none of them can be used any more). */
export async function deleteEndedRefreshTokens(db: Db): Promise<number> {
  const [, count]: [unknown, number] = await db.query(`DELETE FROM refresh_tokens WHERE session_expires_at < now() - interval '1 day'`);
  return count;
}
