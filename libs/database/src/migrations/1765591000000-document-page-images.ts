import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The page images of a document, rendered once by the OCR worker (PDF pages, TIFF frames) for the web
 * app's page viewer: one row per page, in the pixel space of the OCR word boxes (`width` × `height`).
 */
export class DocumentPageImages1765591000000 implements MigrationInterface {
  name = 'DocumentPageImages1765591000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document_pages (
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_number integer NOT NULL CHECK (page_number >= 1),
        organization_id uuid NOT NULL,
        mime_type text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        content_hash text NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, page_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE document_pages`);
  }
}
