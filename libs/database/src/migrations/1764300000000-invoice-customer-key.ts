import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Invoices carry the key of their customer (QR id, else email, else name and address), for segmentation. */
export class InvoiceCustomerKey1764300000000 implements MigrationInterface {
  name = 'InvoiceCustomerKey1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN customer_key text`);
    await queryRunner.query(
      `CREATE INDEX invoices_organization_customer_idx ON invoices (organization_id, customer_key) INCLUDE (issue_date, total, currency) WHERE customer_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX invoices_organization_customer_idx`);
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN customer_key`);
  }
}
