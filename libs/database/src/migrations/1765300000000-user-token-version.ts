import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users carry a token version (in every token they are issued; a password change, a role change or
 * "log out everywhere" increments it, which revokes the earlier tokens) and an active flag (an admin
 * deactivates a user instead of deleting its history).
 */
export class UserTokenVersion1765300000000 implements MigrationInterface {
  name = 'UserTokenVersion1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0, ADD COLUMN active boolean NOT NULL DEFAULT true`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN active, DROP COLUMN token_version`);
  }
}
