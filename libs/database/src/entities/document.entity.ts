import type { DocumentStatus, OcrOptions } from '@invoice/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One uploaded file and the state of its processing. The bytes live in `document_files`. */
@Entity('documents')
export class DocumentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  /** BullMQ job id of the current processing job. */
  @Column('uuid', { name: 'job_id', unique: true })
  jobId!: string;

  /** The client's file name, for display only. */
  @Column('text')
  filename!: string;

  /** Sniffed from the bytes at upload. */
  @Column('text', { name: 'mime_type' })
  mimeType!: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes!: number;

  @Column('char', { length: 64 })
  sha256!: string;

  @Column('text')
  status!: DocumentStatus;

  @Column('smallint', { default: 0 })
  progress!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  /** Processing attempts started (worker side), including retries. */
  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy!: string | null;

  /** The batch (upload request) that created it; null for documents older than batches. */
  @Column('uuid', { name: 'batch_id', nullable: true })
  batchId!: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  /** Pages read (PDF and TIFF may have several); null until processed. */
  @Column('integer', { name: 'page_count', nullable: true })
  pageCount!: number | null;

  /** OCR settings of the current job (set by a reprocess); null = the worker's defaults. */
  @Column('jsonb', { name: 'ocr_options', nullable: true })
  ocrOptions!: OcrOptions | null;
}
