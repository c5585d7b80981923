import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review outcomes and undo: the `rejected` document status (an invoice a person rejected or marked as
 * not an invoice, with who, when and why on the invoice), and on each correction record the review
 * state it replaced (`previous`, what an undo restores) and the record an undo reverted (`undo_of`).
 */
export class ReviewRejectionUndo1765570000000 implements MigrationInterface {
  name = 'ReviewRejectionUndo1765570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE documents DROP CONSTRAINT documents_status_check`);
    await queryRunner.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN ('queued', 'processing', 'done', 'needs_review', 'failed', 'rejected'))`,
    );
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN review_rejection jsonb`);
    await queryRunner.query(`ALTER TABLE invoice_corrections ADD COLUMN previous jsonb`);
    await queryRunner.query(
      `ALTER TABLE invoice_corrections ADD COLUMN undo_of uuid REFERENCES invoice_corrections(id) ON DELETE SET NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoice_corrections DROP COLUMN undo_of`);
    await queryRunner.query(`ALTER TABLE invoice_corrections DROP COLUMN previous`);
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN review_rejection`);
    await queryRunner.query(`UPDATE documents SET status = 'needs_review' WHERE status = 'rejected'`);
    await queryRunner.query(`ALTER TABLE documents DROP CONSTRAINT documents_status_check`);
    await queryRunner.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN ('queued', 'processing', 'done', 'needs_review', 'failed'))`,
    );
  }
}
