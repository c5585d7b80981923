import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fields an e-invoice states that a page reading did not have, the e-invoice's description and its XML; unit
 * and VAT rate of a line, and quantities and unit prices to 4 decimals (e-invoices state prices such as 3.3333).
 */
export class InvoiceEinvoiceFields1765560000000 implements MigrationInterface {
  name = 'InvoiceEinvoiceFields1765560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoices
        ADD COLUMN delivery_date date,
        ADD COLUMN prepaid_amount numeric(14, 2),
        ADD COLUMN payment_terms text,
        ADD COLUMN vendor_registration_id text,
        ADD COLUMN vendor_email text,
        ADD COLUMN customer_registration_id text,
        ADD COLUMN buyer_reference text,
        ADD COLUMN einvoice jsonb,
        ADD COLUMN einvoice_xml bytea`);
    await queryRunner.query(`
      ALTER TABLE invoice_line_items
        ADD COLUMN unit text,
        ADD COLUMN tax_rate numeric(6, 3),
        ALTER COLUMN quantity TYPE numeric(14, 4),
        ALTER COLUMN unit_price TYPE numeric(14, 4)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE invoice_line_items DROP COLUMN unit, DROP COLUMN tax_rate, ALTER COLUMN quantity TYPE numeric(14, 3), ALTER COLUMN unit_price TYPE numeric(14, 2)`,
    );
    await queryRunner.query(`
      ALTER TABLE invoices
        DROP COLUMN delivery_date, DROP COLUMN prepaid_amount, DROP COLUMN payment_terms, DROP COLUMN vendor_registration_id,
        DROP COLUMN vendor_email, DROP COLUMN customer_registration_id, DROP COLUMN buyer_reference, DROP COLUMN einvoice, DROP COLUMN einvoice_xml`);
  }
}
