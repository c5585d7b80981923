import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every stored row carries its organization: file bytes and line items too, copied from their parents. */
export class OrganizationOnEveryRow1764100000000 implements MigrationInterface {
  name = 'OrganizationOnEveryRow1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE document_files ADD COLUMN organization_id uuid`);
    await queryRunner.query(`UPDATE document_files f SET organization_id = d.organization_id FROM documents d WHERE d.id = f.document_id`);
    await queryRunner.query(`ALTER TABLE document_files ALTER COLUMN organization_id SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE document_files ADD CONSTRAINT document_files_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
    );
    await queryRunner.query(`ALTER TABLE invoice_line_items ADD COLUMN organization_id uuid`);
    await queryRunner.query(
      `UPDATE invoice_line_items l SET organization_id = i.organization_id FROM invoices i WHERE i.id = l.invoice_id`,
    );
    await queryRunner.query(`ALTER TABLE invoice_line_items ALTER COLUMN organization_id SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE invoice_line_items ADD CONSTRAINT invoice_line_items_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoice_line_items DROP COLUMN organization_id`);
    await queryRunner.query(`ALTER TABLE document_files DROP COLUMN organization_id`);
  }
}
