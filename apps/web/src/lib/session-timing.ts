import type { SessionEnd } from './api.js';

/** How long before its expiry an access token is refreshed. */
export const REFRESH_AHEAD_MS = 60_000;
/** Never sooner than this after a token arrives (a token with a very short life still lives a little). */
export const MIN_REFRESH_DELAY_MS = 5_000;

/** When to refresh a token expiring at `expiresAt` (ms since epoch), from `now`. */
export function refreshDelay(expiresAt: number, now: number): number {
  return Math.max(MIN_REFRESH_DELAY_MS, expiresAt - now - REFRESH_AHEAD_MS);
}

/**
 * Whether the login page says the session expired: yes when it ended by itself (expired, revoked, a replayed
 * token, the user's tokens revoked, an unknown token); no when the person logged out, or a new visitor
 * has no session at all, or the gateway could not be reached.
 */
export function endIsExpiry(reason: SessionEnd | 'logout'): boolean {
  return reason !== 'logout' && reason !== 'missing' && reason !== 'unreachable';
}
