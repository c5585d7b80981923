import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'uploader', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX users_organization_id_idx ON users (organization_id)`);
    await queryRunner.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        job_id uuid NOT NULL UNIQUE,
        filename text NOT NULL,
        mime_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'needs_review', 'failed')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        attempts integer NOT NULL DEFAULT 0,
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        CONSTRAINT documents_organization_sha256_key UNIQUE (organization_id, sha256)
      )`);
    await queryRunner.query(`CREATE INDEX documents_organization_created_idx ON documents (organization_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX documents_pending_idx ON documents (updated_at) WHERE status IN ('queued', 'processing')`);
    await queryRunner.query(`
      CREATE TABLE document_files (
        document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        content bytea NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        invoice_number text,
        issue_date date,
        issue_time time,
        customer_name text,
        customer_email text,
        customer_address_line1 text,
        customer_address_line2 text,
        customer_ref text,
        customer_category text,
        currency char(3),
        total numeric(14, 2),
        language text,
        issues jsonb NOT NULL,
        ocr_text text NOT NULL,
        ocr_words jsonb NOT NULL,
        ocr_confidence real NOT NULL,
        ocr_duration_ms integer NOT NULL,
        engine_version text NOT NULL,
        qr_payload text,
        page_count integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX invoices_organization_issue_date_idx ON invoices (organization_id, issue_date)`);
    await queryRunner.query(`
      CREATE TABLE invoice_line_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        position integer NOT NULL,
        description text NOT NULL,
        quantity numeric(14, 3) NOT NULL,
        unit_price numeric(14, 2) NOT NULL,
        amount numeric(14, 2) NOT NULL,
        CONSTRAINT invoice_line_items_position_key UNIQUE (invoice_id, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['invoice_line_items', 'invoices', 'document_files', 'documents', 'users', 'organizations']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
