import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendor templates learned from corrections (one per organization and layout), and on each invoice the
 * template it was read with and the fields the template gave.
 */
export class VendorTemplates1765000000000 implements MigrationInterface {
  name = 'VendorTemplates1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vendor_templates (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        vendor_key text NOT NULL,
        template jsonb NOT NULL,
        fingerprint text[] NOT NULL,
        examples integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT vendor_templates_organization_key UNIQUE (organization_id, vendor_key)
      )`);
    // Candidate templates of a page are those sharing fingerprint tokens with it.
    await queryRunner.query(`CREATE INDEX vendor_templates_fingerprint_idx ON vendor_templates USING gin (fingerprint)`);
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN vendor_key text, ADD COLUMN template_fields jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN template_fields, DROP COLUMN vendor_key`);
    await queryRunner.query(`DROP TABLE vendor_templates`);
  }
}
