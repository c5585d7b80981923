import type { CookieOptions } from 'express';

/** The session cookie is sent only to the auth routes that read it (login, refresh, logout). */
export const SESSION_COOKIE_PATH = '/api/auth';

/** The value of cookie `name` in a Cookie header, or null (the first one when repeated; a malformed encoding is kept raw). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * httpOnly (no script reads it), SameSite=Strict (no other site's page makes the browser send it),
 * scoped to /api/auth, Secure when the request came over HTTPS (directly or through a trusted proxy).
 */
export function sessionCookieOptions(secure: boolean, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: SESSION_COOKIE_PATH,
    secure,
    ...(maxAgeMs !== undefined && { maxAge: Math.max(0, maxAgeMs) }),
  };
}
