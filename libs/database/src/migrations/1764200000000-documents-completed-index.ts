import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monitoring reads documents finished in the last hour, per organization. */
export class DocumentsCompletedIndex1764200000000 implements MigrationInterface {
  name = 'DocumentsCompletedIndex1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX documents_organization_completed_idx ON documents (organization_id, completed_at) WHERE completed_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX documents_organization_completed_idx`);
  }
}
