import { describe, expect, it } from '@jest/globals';
import { readCookie, sessionCookieOptions } from './session.cookie.js';

describe('readCookie', () => {
  it('finds a cookie among others, decoded', () => {
    expect(readCookie('a=1; invoice_ocr_session=abc%2Ddef; b=2', 'invoice_ocr_session')).toBe('abc-def');
    expect(readCookie('invoice_ocr_session="quoted"', 'invoice_ocr_session')).toBe('quoted');
  });

  it('answers null when the header or the cookie is missing, and does not match a prefix', () => {
    expect(readCookie(undefined, 'x')).toBeNull();
    expect(readCookie('xy=1; y', 'x')).toBeNull();
  });

  it('keeps a malformed encoding raw instead of throwing', () => {
    expect(readCookie('x=%E0%A4%A', 'x')).toBe('%E0%A4%A');
  });
});

describe('sessionCookieOptions', () => {
  it('is httpOnly, SameSite=Strict and scoped to the auth routes', () => {
    expect(sessionCookieOptions(false, 1000)).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      path: '/api/auth',
      secure: false,
      maxAge: 1000,
    });
    expect(sessionCookieOptions(true).secure).toBe(true);
  });
});
