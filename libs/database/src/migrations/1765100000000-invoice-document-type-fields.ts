import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Document type, VAT ids, IBAN, order number, amount due and the tax lines of an invoice. */
export class InvoiceDocumentTypeFields1765100000000 implements MigrationInterface {
  name = 'InvoiceDocumentTypeFields1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoices
        ADD COLUMN document_type text,
        ADD COLUMN vendor_vat_id text,
        ADD COLUMN customer_vat_id text,
        ADD COLUMN iban text,
        ADD COLUMN order_number text,
        ADD COLUMN amount_due numeric(14, 2),
        ADD COLUMN tax_lines jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD CONSTRAINT invoices_document_type_code CHECK (document_type ~ '^[a-z][a-z0-9_]{1,39}$')`);
    await queryRunner.query(`CREATE INDEX invoices_org_document_type ON invoices (organization_id, document_type)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX invoices_org_document_type`);
    await queryRunner.query(`
      ALTER TABLE invoices
        DROP CONSTRAINT invoices_document_type_code,
        DROP COLUMN document_type, DROP COLUMN vendor_vat_id, DROP COLUMN customer_vat_id, DROP COLUMN iban,
        DROP COLUMN order_number, DROP COLUMN amount_due, DROP COLUMN tax_lines`);
  }
}
