import type { RejectedFile } from '@invoice/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One upload request. Its files are in `batch_documents` (duplicates included); its counts come from their documents. */
@Entity('batches')
export class BatchEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  /** The files refused at upload, with their reason. */
  @Column('jsonb', { default: () => `'[]'` })
  rejected!: RejectedFile[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * An accepted file of a batch, in upload order. A duplicate links to the earlier document with the
 * same bytes, so the batch counts it with that document's status.
 */
@Entity('batch_documents')
export class BatchDocumentEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId!: string;

  @PrimaryColumn('integer')
  position!: number;

  @Column('uuid', { name: 'document_id' })
  documentId!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  /** The name the client gave in this request (a duplicate may be named differently). */
  @Column('text')
  filename!: string;

  @Column('boolean')
  duplicate!: boolean;
}

/** A stored answer to a request with an `Idempotency-Key`, replayed to retries for 24 hours. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId!: string;

  @PrimaryColumn('text')
  key!: string;

  /** sha256 over the request's files (name and content hash, in order). */
  @Column('char', { length: 64 })
  fingerprint!: string;

  @Column('smallint', { name: 'status_code' })
  statusCode!: number;

  @Column('jsonb')
  response!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
