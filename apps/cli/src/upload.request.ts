import { createHash } from 'node:crypto';
import type { RejectedFile, UploadedJob } from '@invoice/contracts';

/**
 * The `Idempotency-Key` of an upload request: derived from the files' content hashes (order-free),
 * so a request retried after a lost answer carries the same key and the gateway can answer it
 * with its first answer.
 */
export function idempotencyKey(sha256s: string[]): string {
  return createHash('sha256')
    .update([...sha256s].sort().join('\n'))
    .digest('hex');
}

/** Splits into requests of at most `size` files. */
export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export type FileOutcome<F> = { file: F; job: UploadedJob } | { file: F; rejected: RejectedFile } | { file: F; missing: true };

/**
 * Pairs the files of one request with the gateway's answer. The gateway answers accepted files in
 * `jobs` and refused ones in `rejected`, each in the order sent, with the display name: a file
 * whose name is next in `jobs` is accepted, else one named in `rejected` is refused, else the
 * next job is taken by position.
 */
export function matchAnswer<F extends { name: string }>(
  files: F[],
  answer: { jobs: UploadedJob[]; rejected: RejectedFile[] },
): FileOutcome<F>[] {
  const rejected = [...answer.rejected];
  let next = 0;
  return files.map((file) => {
    const job = answer.jobs[next];
    if (job && job.filename === file.name) {
      next++;
      return { file, job };
    }
    const refused = rejected.findIndex((r) => r.filename === file.name);
    const [refusal] = refused >= 0 ? rejected.splice(refused, 1) : [];
    if (refusal) return { file, rejected: refusal };
    if (job) {
      next++;
      return { file, job };
    }
    return { file, missing: true as const };
  });
}
