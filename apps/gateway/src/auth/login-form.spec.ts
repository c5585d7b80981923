import { describe, expect, it } from '@jest/globals';
import { isSameOriginPost, loginFormNotice, loginPageUrl, returnPath } from './login-form.js';

const ORIGIN = 'https://ocr.example.com';

describe('isSameOriginPost', () => {
  it('takes Sec-Fetch-Site when the browser sends it', () => {
    expect(isSameOriginPost({ 'sec-fetch-site': 'same-origin' }, ORIGIN)).toBe(true);
    expect(isSameOriginPost({ 'sec-fetch-site': 'same-origin', origin: 'null' }, ORIGIN)).toBe(true);
    for (const site of ['cross-site', 'same-site', 'none'])
      expect(isSameOriginPost({ 'sec-fetch-site': site, origin: ORIGIN }, ORIGIN)).toBe(false);
  });

  it('falls back to an Origin equal to its own, refusing none, null and others', () => {
    expect(isSameOriginPost({ origin: ORIGIN }, ORIGIN)).toBe(true);
    expect(isSameOriginPost({}, ORIGIN)).toBe(false);
    expect(isSameOriginPost({ origin: 'null' }, ORIGIN)).toBe(false);
    expect(isSameOriginPost({ origin: 'https://evil.example' }, ORIGIN)).toBe(false);
  });
});

describe('returnPath', () => {
  it('keeps a local page with its query', () => {
    expect(returnPath('/invoices/42?tab=lines')).toBe('/invoices/42?tab=lines');
  });

  it('sends anything else to the first page', () => {
    for (const from of [
      undefined,
      '',
      'invoices',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/a\nb',
      '/api/users',
      '/login',
      '/login?reason=expired',
    ]) {
      expect(returnPath(from)).toBe('/demo');
    }
  });
});

describe('loginFormNotice and loginPageUrl', () => {
  it('says why by status, and nothing for the gateway failing', () => {
    expect([400, 401, 429, 403, 500, 503].map(loginFormNotice)).toEqual([
      'login-failed',
      'login-failed',
      'login-throttled',
      null,
      null,
      null,
    ]);
  });

  it('keeps the page to return to', () => {
    expect(loginPageUrl('login-failed', undefined)).toBe('/login#login-failed');
    expect(loginPageUrl('login-throttled', '/invoices/42?x=1')).toBe('/login?from=%2Finvoices%2F42%3Fx%3D1#login-throttled');
    expect(loginPageUrl('login-failed', '//evil.example')).toBe('/login#login-failed');
  });
});
