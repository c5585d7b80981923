import { describe, expect, it } from '@jest/globals';
import { endIsExpiry, MIN_REFRESH_DELAY_MS, refreshDelay, REFRESH_AHEAD_MS } from './session-timing.js';

describe('refreshDelay', () => {
  it('refreshes a minute before the expiry', () => {
    expect(refreshDelay(1_000_000 + 3_600_000, 1_000_000)).toBe(3_600_000 - REFRESH_AHEAD_MS);
  });

  it('waits at least a few seconds, also for a token already expired', () => {
    expect(refreshDelay(1_030_000, 1_000_000)).toBe(MIN_REFRESH_DELAY_MS);
    expect(refreshDelay(0, 1_000_000)).toBe(MIN_REFRESH_DELAY_MS);
  });
});

describe('endIsExpiry', () => {
  it('says "expired" for a session that ended by itself, not for a logout or a visitor without a session', () => {
    for (const reason of ['expired', 'revoked', 'reused', 'user', 'unknown'] as const) expect(endIsExpiry(reason)).toBe(true);
    for (const reason of ['logout', 'missing', 'unreachable'] as const) expect(endIsExpiry(reason)).toBe(false);
  });
});
