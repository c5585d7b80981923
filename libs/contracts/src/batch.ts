import type { DocumentStatus } from './enums.js';
import type { RejectedFile } from './http.js';

/** Every upload request creates a batch (`POST /api/invoices` answers with its `batchId`). */
export interface BatchFailedFile {
  documentId: string;
  jobId: string;
  filename: string;
  error: string | null;
}

export interface BatchResponse {
  batchId: string;
  createdAt: string;
  /** The user who uploaded it (null if that user was deleted). */
  createdBy: string | null;
  /** When the first of its documents started processing; null while all are queued. */
  startedAt: string | null;
  /** When the last of its documents reached done, needs_review or failed; null while any is pending. */
  completedAt: string | null;
  /**
   * Accepted files, duplicates included: a duplicate counts with the current status of the earlier
   * document it points to. Rejected files are not counted here (see `rejected`).
   */
  total: number;
  /** Of `total`, how many were duplicates of documents the organization already had. */
  duplicates: number;
  counts: Record<DocumentStatus, number>;
  /** 0..100: the share of accepted files that reached a final status. */
  progress: number;
  /** Failed files with their error, in upload order (the first 1000; `counts.failed` is the full number). */
  failed: BatchFailedFile[];
  /** Files refused at upload, with the reason. */
  rejected: RejectedFile[];
}

export type BatchSummary = Omit<BatchResponse, 'failed' | 'rejected'>;

export interface BatchListResponse {
  items: BatchSummary[];
  nextCursor: string | null;
}
