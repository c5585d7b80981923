import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions: refresh tokens, stored as their SHA-256 only. Each refresh uses its token once and
 * issues the next one of the same family (the session); a used token presented again revokes the family.
 * `token_version` is the user's version when the session started: a password change, a role change or
 * "log out everywhere" (which increment it) ends the session too.
 */
export class RefreshTokens1765592000000 implements MigrationInterface {
  name = 'RefreshTokens1765592000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        session_expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refresh_tokens`);
  }
}
