import type { MigrationInterface, QueryRunner } from 'typeorm';

/** On each invoice, who accepted it with failing checks, when and why. */
export class InvoiceReviewAcceptance1765400000000 implements MigrationInterface {
  name = 'InvoiceReviewAcceptance1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN review_acceptance jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN review_acceptance`);
  }
}
