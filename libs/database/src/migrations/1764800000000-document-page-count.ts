import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pages read from each document (PDF and TIFF may have several), null until processed; and the OCR
 * settings a reprocess asked for, kept on the document so that a job re-queued by the reconciler
 * runs with the same settings.
 */
export class DocumentPageCount1764800000000 implements MigrationInterface {
  name = 'DocumentPageCount1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE documents ADD COLUMN page_count integer`);
    await queryRunner.query(`ALTER TABLE documents ADD COLUMN ocr_options jsonb`);
    // Documents already processed were read as one page.
    await queryRunner.query(`UPDATE documents d SET page_count = i.page_count FROM invoices i WHERE i.document_id = d.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE documents DROP COLUMN ocr_options`);
    await queryRunner.query(`ALTER TABLE documents DROP COLUMN page_count`);
  }
}
