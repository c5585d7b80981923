import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People's corrections: who changed what and when; the invoice keeps its original extraction. */
export class InvoiceCorrections1764500000000 implements MigrationInterface {
  name = 'InvoiceCorrections1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN original_extraction jsonb`);
    await queryRunner.query(`
      CREATE TABLE invoice_corrections (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        username text NOT NULL,
        changes jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX invoice_corrections_invoice_idx ON invoice_corrections (invoice_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invoice_corrections`);
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN original_extraction`);
  }
}
