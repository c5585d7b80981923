import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { SESSION_COOKIE } from '@invoice/contracts';
import { startAdminGateway, type AdminGateway } from '../testing/gateway.harness.js';

/** The session cookie an answer sets: its value and attributes. */
function sessionCookieOf(res: Response): { value: string; attributes: string } {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!raw) throw new Error(`no ${SESSION_COOKIE} cookie set`);
  const [pair, ...attributes] = raw.split(';');
  return { value: decodeURIComponent(pair!.slice(SESSION_COOKIE.length + 1)), attributes: attributes.join(';').trim() };
}

describe('browser sessions: login cookie, refresh rotation, reuse detection, revocation (real Postgres and Redis)', () => {
  let gw: AdminGateway;
  let address = 0;
  const cookie = (value: string) => ({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(value)}` });
  // Each login comes from its own address (the login back-off counts per address).
  const startSession = async (username = 'admin', password = 'admin') => {
    address += 1;
    const res = await gw.http
      .post('/api/auth/session')
      .set('x-forwarded-for', `203.0.113.${address}`)
      .send({ username, password })
      .expect(200);
    return { token: res.body.access_token as string, refresh: sessionCookieOf(res).value, res };
  };
  const refresh = (value: string) => gw.http.post('/api/auth/refresh').set(cookie(value)).send({});
  const whoAmI = (token: string) => gw.http.get('/api/invoices').set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    gw = await startAdminGateway('session');
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('logs in with an httpOnly, SameSite=Strict cookie scoped to /api/auth, stored as its hash only', async () => {
    const { token, refresh: value, res } = await startSession();
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    await whoAmI(token).expect(200);
    const { attributes } = sessionCookieOf(res);
    expect(attributes).toMatch(/HttpOnly/);
    expect(attributes).toMatch(/SameSite=Strict/);
    expect(attributes).toMatch(/Path=\/api\/auth/);
    expect(attributes).toMatch(/Max-Age=28800/);
    expect(attributes).not.toMatch(/Secure/); // plain HTTP here; Secure over HTTPS
    const rows: { token_hash: string }[] = await gw.db.dataSource.query(`SELECT token_hash FROM refresh_tokens`);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(value).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(value);
    // The API clients' login sets no cookie.
    const plain = await gw.http
      .post('/api/auth/token')
      .set('x-forwarded-for', '203.0.113.200')
      .send({ username: 'admin', password: 'admin' })
      .expect(200);
    expect(plain.headers['set-cookie']).toBeUndefined();
  });

  it('rotates the refresh token on every refresh, each answer with a working access token', async () => {
    const { refresh: first } = await startSession();
    const one = await refresh(first).expect(200);
    const second = sessionCookieOf(one).value;
    expect(second).not.toBe(first);
    await whoAmI(one.body.access_token).expect(200);
    const two = await refresh(second).expect(200);
    expect(sessionCookieOf(two).value).not.toBe(second);
    await whoAmI(two.body.access_token).expect(200);
  });

  it('revokes the whole session when a used refresh token comes back (a stolen copy)', async () => {
    const { refresh: first } = await startSession();
    const current = sessionCookieOf(await refresh(first).expect(200)).value;
    const replay = await refresh(first).expect(401);
    expect(replay.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { session: 'reused' } });
    // The cookie is cleared, and the token the legitimate holder had is revoked with its session.
    expect(sessionCookieOf(replay).attributes).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await refresh(current).expect(401)).body.details).toEqual({ session: 'revoked' });
  });

  it('lets only one of two concurrent refreshes with the same token through', async () => {
    const { refresh: value } = await startSession();
    const answers = await Promise.all([refresh(value), refresh(value)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('ends the session on "log out everywhere" and on a password change (the token version of the hardening work)', async () => {
    await gw.http
      .post('/api/users')
      .set('authorization', `Bearer ${gw.admin}`)
      .send({ username: 'paula', password: 'purple lanterns at dusk', role: 'uploader' })
      .expect(201);
    const everywhere = await startSession('paula', 'purple lanterns at dusk');
    await gw.http.post('/api/auth/logout-everywhere').set('authorization', `Bearer ${everywhere.token}`).expect(204);
    expect((await refresh(everywhere.refresh).expect(401)).body.details).toEqual({ session: 'user' });

    const changed = await startSession('paula', 'purple lanterns at dusk');
    await gw.http
      .put('/api/auth/password')
      .set('authorization', `Bearer ${changed.token}`)
      .send({ currentPassword: 'purple lanterns at dusk', newPassword: 'silver trains before dawn' })
      .expect(204);
    expect((await refresh(changed.refresh).expect(401)).body.details).toEqual({ session: 'user' });
  });

  it('ends the session on logout, clearing the cookie', async () => {
    const { refresh: value } = await startSession();
    const res = await gw.http.post('/api/auth/logout').set(cookie(value)).expect(204);
    expect(sessionCookieOf(res).attributes).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await refresh(value).expect(401)).body.details).toEqual({ session: 'revoked' });
    await gw.http.post('/api/auth/logout').expect(204);
  });

  it('says why a refresh is refused: no cookie, an unknown or expired token; and takes JSON only', async () => {
    expect((await gw.http.post('/api/auth/refresh').send({}).expect(401)).body.details).toEqual({ session: 'missing' });
    expect((await refresh('made-up-token').expect(401)).body.details).toEqual({ session: 'unknown' });
    const { refresh: value } = await startSession();
    await gw.db.dataSource.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      createHash('sha256').update(value).digest('hex'),
    ]);
    expect((await refresh(value).expect(401)).body.details).toEqual({ session: 'expired' });
    await gw.http.post('/api/auth/refresh').set(cookie(value)).type('form').send('a=1').expect(415);
  });

  it('ends a session at its absolute end however active it is', async () => {
    const { refresh: value } = await startSession();
    await gw.db.dataSource.query(`UPDATE refresh_tokens SET session_expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      createHash('sha256').update(value).digest('hex'),
    ]);
    expect((await refresh(value).expect(401)).body.details).toEqual({ session: 'expired' });
  });
});
