import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches (one per upload request) with their accepted files, duplicates included; the batch that
 * created each document; stored answers for `Idempotency-Key`; and the index the fair-queueing
 * priority reads (an organization's queued documents).
 */
export class Batches1764600000000 implements MigrationInterface {
  name = 'Batches1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE batches (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        rejected jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX batches_organization_created_idx ON batches (organization_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE batch_documents (
        batch_id uuid NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        position integer NOT NULL,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        filename text NOT NULL,
        duplicate boolean NOT NULL,
        PRIMARY KEY (batch_id, position)
      )`);
    await queryRunner.query(`CREATE INDEX batch_documents_document_idx ON batch_documents (document_id)`);
    await queryRunner.query(`ALTER TABLE documents ADD COLUMN batch_id uuid REFERENCES batches(id) ON DELETE SET NULL`);
    await queryRunner.query(
      `CREATE INDEX documents_organization_batch_idx ON documents (organization_id, batch_id) WHERE batch_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX documents_organization_queued_idx ON documents (organization_id, created_at, id) WHERE status = 'queued'`,
    );
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        key text NOT NULL,
        fingerprint char(64) NOT NULL,
        status_code smallint NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP INDEX documents_organization_queued_idx`);
    await queryRunner.query(`ALTER TABLE documents DROP COLUMN batch_id`);
    await queryRunner.query(`DROP TABLE batch_documents`);
    await queryRunner.query(`DROP TABLE batches`);
  }
}
