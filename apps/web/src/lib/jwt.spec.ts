import { describe, expect, it } from '@jest/globals';
import { canUpload, decodeToken } from './jwt.js';

const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('session token claims', () => {
  it('reads the username, role and expiry the gateway signs', () => {
    expect(decodeToken(token({ sub: 'u', org: 'o', username: 'zoé', role: 'viewer', exp: 1700000000 }))).toEqual({
      username: 'zoé',
      role: 'viewer',
      expiresAt: 1700000000000,
    });
  });

  it('refuses tokens without the claims or not JSON', () => {
    expect(decodeToken(token({ username: 'a', role: 'root', exp: 1 }))).toBeNull();
    expect(decodeToken(token({ username: 'a', role: 'admin' }))).toBeNull();
    expect(decodeToken('not-a-token')).toBeNull();
    expect(decodeToken('a.%%%.c')).toBeNull();
  });

  it('lets admins and uploaders upload, not viewers', () => {
    expect([canUpload('admin'), canUpload('uploader'), canUpload('viewer'), canUpload(undefined)]).toEqual([true, true, false, false]);
  });
});
