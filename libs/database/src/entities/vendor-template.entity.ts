import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A vendor layout learned from a person's corrections (`VendorTemplate` of @invoice/extraction), one per
 * organization and layout. `fingerprint` holds the template's layout tokens, to find candidate templates
 * of a page with the GIN index; the match itself is scored in code.
 */
@Entity('vendor_templates')
export class VendorTemplateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Column('text', { name: 'vendor_key' })
  vendorKey!: string;

  /** The VendorTemplate, as JSON (typed by @invoice/extraction, which this lib does not depend on). */
  @Column('jsonb')
  template!: Record<string, unknown>;

  @Column('text', { array: true })
  fingerprint!: string[];

  @Column('integer')
  examples!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
