import { describe, expect, it } from '@jest/globals';
import { loginNotice, readTypedLogin, returnAfterLogin, type LoginDocument } from './login-page.js';

/** A document holding login.html's form with these values, the focus on `focused` (an id) or elsewhere. */
function page(values: Record<string, string> | null, focused: string | null): LoginDocument {
  const fields = new Map(Object.entries(values ?? {}).map(([id, value]) => [id, { id, value }]));
  const outside = { id: 'elsewhere', value: '' };
  return {
    querySelector: () => (values ? { contains: (node) => [...fields.values()].includes(node as { id: string; value: string }) } : null),
    getElementById: (id) => fields.get(id) ?? null,
    activeElement: focused === null ? outside : (fields.get(focused) ?? outside),
  };
}

describe('readTypedLogin', () => {
  it('takes what was typed and the field the person is in', () => {
    expect(readTypedLogin(page({ username: 'ada', password: 'sec' }, 'password'))).toEqual({
      username: 'ada',
      password: 'sec',
      focus: 'password',
    });
    expect(readTypedLogin(page({ username: 'ada', password: '' }, null))).toEqual({ username: 'ada', password: '', focus: null });
  });

  it('finds nothing on a page without the form', () => {
    expect(readTypedLogin(page(null, null))).toBeNull();
  });
});

describe('loginNotice', () => {
  it('names the notices the gateway redirects to, and nothing else', () => {
    expect(loginNotice('#login-failed')).toBe('login-failed');
    expect(loginNotice('#login-throttled')).toBe('login-throttled');
    expect(loginNotice('')).toBeNull();
    expect(loginNotice('#main')).toBeNull();
  });
});

describe('returnAfterLogin', () => {
  it('prefers the page the app came from, then a local from, then the first page', () => {
    expect(returnAfterLogin('/invoices/1', '/review')).toBe('/invoices/1');
    expect(returnAfterLogin(undefined, '/review?x=1')).toBe('/review?x=1');
    expect(returnAfterLogin(undefined, null)).toBe('/demo');
    for (const from of ['https://evil.example', '//evil.example', '/\\evil.example', '/login', 'demo'])
      expect(returnAfterLogin(undefined, from)).toBe('/demo');
  });
});
