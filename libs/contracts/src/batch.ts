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
  /** When the first of its documents started processing; null while all are queued. */
  startedAt: string | null;
  /** When the last of its documents reached done, needs_review or failed; null while any is pending. */
  completedAt: string | null;
  /** Accepted files (duplicates included). */
  total: number;
  counts: Record<DocumentStatus, number>;
  /** 0..100: the share of accepted files that reached a final status. */
  progress: number;
  failed: BatchFailedFile[];
  /** Files refused at upload, with the reason. */
  rejected: RejectedFile[];
}

export type BatchSummary = Omit<BatchResponse, 'failed' | 'rejected'>;

export interface BatchListResponse {
  items: BatchSummary[];
  nextCursor: string | null;
}
