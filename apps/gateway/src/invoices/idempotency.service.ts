import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, IdempotencyKeySchema } from '@invoice/contracts';
import {
  deleteExpiredIdempotencyKeys,
  findIdempotentAnswer,
  saveIdempotentAnswer,
  tryAdvisoryTransactionLockOnText,
  type StoredIdempotentAnswer,
} from '@invoice/database';

/** How long a stored answer is replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const PURGE_INTERVAL_MS = 3600_000;

export type StoredAnswer = StoredIdempotentAnswer;

/** Validates the header value: 1-255 printable ASCII characters, else a 400 naming the header. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new DomainError('VALIDATION_FAILED', 'Send one Idempotency-Key header, not several');
  const parsed = IdempotencyKeySchema.safeParse(value);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', parsed.error.issues[0]!.message);
  return parsed.data;
}

/** Fingerprint of an upload: the file parts' names and content hashes, in order. */
export class RequestFingerprint {
  private readonly hash = createHash('sha256');

  add(filename: string, sha256: string): void {
    this.hash.update(`${JSON.stringify(filename)}:${sha256}\n`);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * `Idempotency-Key` for uploads, per organization. Everything happens inside the upload's own
 * transaction: a transaction-scoped advisory lock on (organization, key) marks the request in
 * progress (a concurrent one gets 409 at once, and a crashed gateway releases it with its
 * connection), and the answer is stored in the same commit as the documents it names. Only
 * successful answers are stored: a refused request changed nothing and may be retried as is.
 * Rows older than 24 hours are ignored on read, replaced by a new request with the same key, and
 * deleted every hour.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const purge = () =>
      void this.purgeExpired().catch((error: Error) => this.logger.warn(`Purging expired idempotency keys failed: ${error.message}`));
    purge();
    this.timer = setInterval(purge, PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Takes the key for this transaction; answers the stored answer if there is a live one. Throws 409 if in use. */
  async claim(manager: EntityManager, organizationId: string, key: string): Promise<StoredAnswer | null> {
    if (!(await tryAdvisoryTransactionLockOnText(manager, `idempotency:${organizationId}:${key}`))) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this Idempotency-Key is still in progress: wait for its answer, or retry this one later to get it',
      );
    }
    return findIdempotentAnswer(manager, organizationId, key, IDEMPOTENCY_TTL_HOURS);
  }

  /** Stores the answer in the caller's transaction (an expired row with the same key is replaced). */
  async save(manager: EntityManager, organizationId: string, key: string, answer: StoredAnswer): Promise<void> {
    await saveIdempotentAnswer(manager, organizationId, key, answer);
  }

  purgeExpired(): Promise<number> {
    return deleteExpiredIdempotencyKeys(this.dataSource, IDEMPOTENCY_TTL_HOURS);
  }
}
