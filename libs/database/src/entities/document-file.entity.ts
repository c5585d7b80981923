import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The uploaded bytes, kept apart from `documents` so that listing documents never reads them. */
@Entity('document_files')
export class DocumentFileEntity {
  @PrimaryColumn('uuid', { name: 'document_id' })
  documentId!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Column('bytea')
  content!: Buffer;
}
