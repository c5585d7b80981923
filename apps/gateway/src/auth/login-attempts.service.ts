import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@invoice/contracts';
import { RedisClient } from '@invoice/monitoring';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/** Raised when a login is refused for back-off; the error filter answers 429 with `Retry-After: seconds`. */
export class LoginLockedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many failed logins: try again in ${retryAfterSeconds} s`);
  }
}

/**
 * Counts one failure (the counter lives for the window) and, past the free failures, locks the scope:
 * after the n-th failure for base * 2^(n - free - 1) seconds, capped at the maximum.
 */
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
local free = tonumber(ARGV[2])
if n > free then
  local lock = math.min(tonumber(ARGV[3]) * 2 ^ math.min(n - free - 1, 30), tonumber(ARGV[4]))
  redis.call('SET', KEYS[2], '1', 'PX', math.floor(lock * 1000))
end
return n
`;

type Scope = 'pair' | 'address' | 'username';

/**
 * Exponential back-off for failed logins, in Redis (so it holds across gateway replicas), in three scopes:
 * the (username, address) pair, the address over all usernames, and the username over all addresses.
 * The pair locks first, so someone guessing from one address does not lock the user out elsewhere; the
 * wider scopes catch spraying from one address and guessing spread over many.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly logger = new Logger(LoginAttemptsService.name);

  constructor(
    private readonly client: RedisClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Throws LoginLockedError when any scope of this attempt is locked. Locked attempts are not checked, so they count nothing. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const keys = this.keys(username, address);
    const ttls = await this.orNothing(
      Promise.all((Object.keys(keys) as Scope[]).map((scope) => this.client.redis.pttl(`${keys[scope]}:lock`))),
    );
    const longest = Math.max(0, ...(ttls ?? []));
    if (longest > 0) throw new LoginLockedError(Math.ceil(longest / 1000));
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const keys = this.keys(username, address);
    const { LOGIN_FAILURE_WINDOW_SECONDS: window, LOGIN_BASE_LOCK_SECONDS: base, LOGIN_MAX_LOCK_SECONDS: max } = this.config;
    const free: Record<Scope, number> = {
      pair: this.config.LOGIN_FREE_FAILURES,
      address: this.config.LOGIN_FREE_FAILURES_PER_ADDRESS,
      username: this.config.LOGIN_FREE_FAILURES_PER_USERNAME,
    };
    const pipeline = this.client.redis.pipeline();
    for (const scope of Object.keys(keys) as Scope[]) {
      pipeline.eval(RECORD_FAILURE, 2, `${keys[scope]}:failures`, `${keys[scope]}:lock`, window, free[scope], base, max);
    }
    await this.orNothing(pipeline.exec());
  }

  /** A successful login forgets the failures of its (username, address) pair. */
  async recordSuccess(username: string, address: string): Promise<void> {
    const { pair } = this.keys(username, address);
    await this.orNothing(this.client.redis.del(`${pair}:failures`, `${pair}:lock`));
  }

  /**
   * With Redis down, logins go on unthrottled (logged): the platform keeps working without Redis (uploads are
   * stored and queued later), and a login outage would be worse than a short unthrottled window.
   */
  private async orNothing<T>(command: Promise<T>): Promise<T | undefined> {
    try {
      return await command;
    } catch (error) {
      this.logger.warn({ err: error }, 'login back-off skipped: Redis unavailable');
      return undefined;
    }
  }

  private keys(username: string, address: string): Record<Scope, string> {
    // Hashed: usernames are user input (any length, any character), and keys should not spell them out.
    const hash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);
    const name = username.toLowerCase();
    const base = `${this.config.QUEUE_PREFIX}:login`;
    return {
      pair: `${base}:pair:${hash(`${name}\n${address}`)}`,
      address: `${base}:address:${hash(address)}`,
      username: `${base}:username:${hash(name)}`,
    };
  }
}
