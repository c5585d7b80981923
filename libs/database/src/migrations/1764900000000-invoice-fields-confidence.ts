import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Vendor, due date, subtotal and tax, and the evidence (confidence, words, source) of every field with the threshold it was judged by. */
export class InvoiceFieldsConfidence1764900000000 implements MigrationInterface {
  name = 'InvoiceFieldsConfidence1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoices
        ADD COLUMN due_date date,
        ADD COLUMN vendor_name text,
        ADD COLUMN vendor_address text,
        ADD COLUMN subtotal numeric(14, 2),
        ADD COLUMN tax_amount numeric(14, 2),
        ADD COLUMN tax_rate numeric(6, 3),
        ADD COLUMN field_evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN review_threshold real`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoices
        DROP COLUMN due_date, DROP COLUMN vendor_name, DROP COLUMN vendor_address, DROP COLUMN subtotal,
        DROP COLUMN tax_amount, DROP COLUMN tax_rate, DROP COLUMN field_evidence, DROP COLUMN review_threshold`);
  }
}
