import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, seedDocument, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { handMadeToken, startGateway, TEST_JWT_SECRET, testGatewayConfig, userToken } from './testing/gateway.harness.js';

/*
 * Hardening of login, tokens, webhooks and monitoring (issue 15, items 3, 5, 8, 9) against the real gateway,
 * PostgreSQL and Redis. Client addresses are set with X-Forwarded-For, which the gateway trusts from loopback
 * only (as from a reverse proxy on the same host), so each test guesses from its own addresses.
 */
const LOGIN_SETTINGS = {
  LOGIN_RATE_PER_MINUTE: '8',
  LOGIN_FREE_FAILURES: '3',
  LOGIN_FREE_FAILURES_PER_ADDRESS: '6',
  LOGIN_FREE_FAILURES_PER_USERNAME: '6',
  LOGIN_BASE_LOCK_SECONDS: '1',
  LOGIN_MAX_LOCK_SECONDS: '60',
};

describe('gateway hardening (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: string;

  const config = () => testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, PLATFORM_OPERATORS: 'ops', ...LOGIN_SETTINGS });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const loginFrom = (address: string, username: string, password: string, server = http) =>
    server.post('/api/auth/token').set('x-forwarded-for', address).send({ username, password });
  const tokenFrom = async (address: string, username: string, password: string) => {
    const res = await loginFrom(address, username, password).expect(200);
    return res.body.access_token as string;
  };
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase('security');
    prefix = uniqueQueuePrefix('security');
    app = await startGateway(config());
    http = request(app.getHttpServer());
    admin = await tokenFrom('192.0.2.1', 'admin', 'admin');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  describe('password guessing (item 3)', () => {
    it('locks a guessed (username, address) with 429 and Retry-After, doubling; the right password from another address works', async () => {
      await http
        .post('/api/users')
        .set(auth(admin))
        .send({ username: 'gina', password: 'green kettle on the stove', role: 'viewer' })
        .expect(201);
      for (let i = 0; i < 3; i++) await loginFrom('198.51.100.7', 'gina', `wrong-${i}`).expect(401);
      await loginFrom('198.51.100.7', 'gina', 'wrong-3').expect(401); // the 4th failure locks the pair for 1 s
      const locked = await loginFrom('198.51.100.7', 'gina', 'wrong-4').expect(429);
      expect(locked.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
      expect(Number(locked.headers['retry-after'])).toBe(1);
      // Locked means locked: not even the right password from that address.
      await loginFrom('198.51.100.7', 'gina', 'green kettle on the stove').expect(429);
      // From another address, the right password works at once.
      await loginFrom('198.51.100.8', 'gina', 'green kettle on the stove').expect(200);

      await new Promise((resolve) => setTimeout(resolve, 1100));
      await loginFrom('198.51.100.7', 'gina', 'wrong-5').expect(401);
      expect(Number((await loginFrom('198.51.100.7', 'gina', 'wrong-6').expect(429)).headers['retry-after'])).toBe(2);
    });

    it('keeps the lock in Redis, so a second gateway replica refuses the same guesser', async () => {
      await http
        .post('/api/users')
        .set(auth(admin))
        .send({ username: 'remy', password: 'river stones in autumn', role: 'viewer' })
        .expect(201);
      for (let i = 0; i < 4; i++) await loginFrom('198.51.100.20', 'remy', `wrong-${i}`).expect(401);
      const replica = await startGateway(config());
      try {
        const res = await loginFrom('198.51.100.20', 'remy', 'river stones in autumn', request(replica.getHttpServer())).expect(429);
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      } finally {
        await replica.close();
      }
    });

    it('locks a username guessed from many addresses, and an address spraying many usernames', async () => {
      for (let i = 0; i < 7; i++) await loginFrom(`203.0.113.${10 + i}`, 'admin', `spread-${i}`).expect(401);
      await loginFrom('203.0.113.99', 'admin', 'spread-x').expect(429);
      for (let i = 0; i < 7; i++) await loginFrom('198.51.100.30', `user-${i}`, 'sprayed-password').expect(401);
      await loginFrom('198.51.100.30', 'user-99', 'sprayed-password').expect(429);
    });

    it('limits login requests per address and minute (counted in Redis)', async () => {
      for (let i = 0; i < 8; i++)
        await http.post('/api/auth/token').set('x-forwarded-for', '198.51.100.40').send({ username: '' }).expect(400);
      const res = await http
        .post('/api/auth/token')
        .set('x-forwarded-for', '198.51.100.40')
        .send({ username: 'x', password: 'y' })
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await loginFrom('198.51.100.41', 'nobody', 'whatever').expect(401);
    });
  });

  describe('tokens and passwords (item 8)', () => {
    it('takes login as JSON only: a form or multipart post is 415', async () => {
      const form = await http
        .post('/api/auth/token')
        .set('x-forwarded-for', '192.0.2.50')
        .type('form')
        .send('username=admin&password=admin')
        .expect(415);
      expect(form.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      await http
        .post('/api/auth/token')
        .set('x-forwarded-for', '192.0.2.50')
        .field('username', 'admin')
        .field('password', 'admin')
        .expect(415);
      await http
        .post('/api/auth/token')
        .set('x-forwarded-for', '192.0.2.50')
        .set('content-type', 'text/plain')
        .send('{"username":"admin","password":"admin"}')
        .expect(415);
    });

    it('refuses a signed token without exp, with a malformed organization claim, or without a token version', async () => {
      const claims = claimsOf(admin);
      const { exp: _exp, ...noExp } = claims;
      const res = await http
        .get('/api/invoices')
        .set(auth(handMadeToken(noExp, TEST_JWT_SECRET)))
        .expect(401);
      expect(res.body.message).toMatch(/no expiry/);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken({ ...claims, org: "x' OR 1=1 --" }, TEST_JWT_SECRET)))
        .expect(401);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken({ ...claims, org: { $ne: null } }, TEST_JWT_SECRET)))
        .expect(401);
      const { ver: _ver, ...noVersion } = claims;
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken(noVersion, TEST_JWT_SECRET)))
        .expect(401);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken(claims, TEST_JWT_SECRET)))
        .expect(200);
    });

    it('refuses new passwords that are short, common or contain the username', async () => {
      const create = (username: string, password: string) =>
        http.post('/api/users').set(auth(admin)).send({ username, password, role: 'viewer' });
      expect((await create('pia', 'short-pass').expect(400)).body.message).toMatch(/at least 12 characters/);
      expect((await create('pia', '1qaz2wsx3edc').expect(400)).body.message).toMatch(/most common passwords/);
      expect((await create('pia', 'pia-pia-pia-pia').expect(400)).body.message).toMatch(/username/);
      expect((await create('pia', 'aaaaaaaaaaaaaaaa').expect(400)).body.message).toMatch(/too easy to guess/);
      await create('pia', 'plum tree at dusk').expect(201);
    });

    it('revokes earlier tokens on a password change, and takes the new password only', async () => {
      const user = await userToken(app, 'Security org', 'paul', 'uploader');
      await http
        .put('/api/auth/password')
        .set(auth(user))
        .send({ currentPassword: 'wrong', newPassword: 'a brand new passphrase' })
        .expect(400);
      await http
        .put('/api/auth/password')
        .set(auth(user))
        .send({ currentPassword: 'password-123', newPassword: 'qwerty123456' })
        .expect(400);
      await http
        .put('/api/auth/password')
        .set(auth(user))
        .send({ currentPassword: 'password-123', newPassword: 'a brand new passphrase' })
        .expect(204);
      expect((await http.get('/api/invoices').set(auth(user)).expect(401)).body.message).toMatch(/revoked/i);
      await loginFrom('192.0.2.60', 'paul', 'password-123').expect(401);
      const fresh = await tokenFrom('192.0.2.60', 'paul', 'a brand new passphrase');
      await http.get('/api/invoices').set(auth(fresh)).expect(200);
    });

    it('puts the current-password check of a password change under the login back-off', async () => {
      const token = await userToken(app, 'Security org', 'pete', 'viewer');
      const change = (currentPassword: string) =>
        http
          .put('/api/auth/password')
          .set(auth(token))
          .set('x-forwarded-for', '198.51.100.90')
          .send({ currentPassword, newPassword: 'copper bells at noon' });
      for (let i = 0; i < 4; i++) await change(`guess-${i}`).expect(400);
      const locked = await change('password-123').expect(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });

    it('revokes every token at "log out everywhere"', async () => {
      const first = await tokenFrom('192.0.2.70', 'pia', 'plum tree at dusk');
      const second = await tokenFrom('192.0.2.71', 'pia', 'plum tree at dusk');
      await http.post('/api/auth/logout-everywhere').set(auth(first)).expect(204);
      await http.get('/api/invoices').set(auth(first)).expect(401);
      await http.get('/api/invoices').set(auth(second)).expect(401);
      await http
        .get('/api/invoices')
        .set(auth(await tokenFrom('192.0.2.72', 'pia', 'plum tree at dusk')))
        .expect(200);
    });

    it('revokes tokens on a role change and on deactivation; a deleted user is refused', async () => {
      const users = (await http.get('/api/users').set(auth(admin)).expect(200)).body as { id: string; username: string }[];
      const pia = users.find((u) => u.username === 'pia')!;
      const token = await tokenFrom('192.0.2.80', 'pia', 'plum tree at dusk');
      const promoted = await http.patch(`/api/users/${pia.id}`).set(auth(admin)).send({ role: 'uploader' }).expect(200);
      expect(promoted.body).toMatchObject({ username: 'pia', role: 'uploader', active: true });
      await http.get('/api/invoices').set(auth(token)).expect(401);
      const again = await tokenFrom('192.0.2.80', 'pia', 'plum tree at dusk');
      expect(claimsOf(again).role).toBe('uploader');

      await http.patch(`/api/users/${pia.id}`).set(auth(admin)).send({ active: false }).expect(200);
      await http.get('/api/invoices').set(auth(again)).expect(401);
      await loginFrom('192.0.2.81', 'pia', 'plum tree at dusk').expect(401);

      await http.patch(`/api/users/${pia.id}`).set(auth(admin)).send({}).expect(400);
      await http.patch('/api/users/not-a-uuid').set(auth(admin)).send({ active: true }).expect(400);
      await http.patch('/api/users/00000000-0000-4000-8000-000000000000').set(auth(admin)).send({ active: true }).expect(404);
      const adminId = claimsOf(admin).sub as string;
      await http.patch(`/api/users/${adminId}`).set(auth(admin)).send({ active: false }).expect(409);

      const gone = await userToken(app, 'Security org', 'gus', 'viewer');
      await db.dataSource.query(`DELETE FROM users WHERE username = 'gus'`);
      expect((await http.get('/api/invoices').set(auth(gone)).expect(401)).body.message).toMatch(/no longer exists/);
    });

    it("does not let an admin change another organization's user", async () => {
      await userToken(app, 'Other org', 'olaf', 'viewer');
      const [olaf] = await db.dataSource.query(`SELECT id FROM users WHERE username = 'olaf'`);
      await http.patch(`/api/users/${olaf.id}`).set(auth(admin)).send({ role: 'admin' }).expect(404);
    });
  });

  describe('webhook targets at registration (item 5)', () => {
    it.each([
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:6379/',
      'http://2130706433:5432/',
      'http://0x7f.0.0.1/',
      'http://0177.0.0.1/',
      'http://10.0.0.1/',
      'http://100.64.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00:ec2::254]/',
      'http://localhost:3000/',
      'http://0.0.0.0/',
    ])('refuses %s with 400', async (url) => {
      const res = await http.post('/api/webhooks').set(auth(admin)).send({ url }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/url/);
    });

    it('accepts a public host name (checked again after resolution at delivery)', async () => {
      await http.post('/api/webhooks').set(auth(admin)).send({ url: 'https://erp.example.com/hooks' }).expect(201);
      const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM webhook_endpoints`);
      expect(count).toBe(1);
    });
  });

  describe('monitoring (item 9)', () => {
    it("shows an organization's admin its own figures only; platform figures are for platform operators", async () => {
      const other = await seedDocument(db.dataSource, Buffer.from('other organization invoice'), {
        organizationName: 'Monitored org',
        status: 'done',
      });
      await db.dataSource.query(`UPDATE documents SET completed_at = now() WHERE id = $1`, [other.documentId]);
      const orgAdmin = await userToken(app, 'Monitored org', 'mona', 'admin');

      const own = await http.get('/api/monitoring/summary').set(auth(admin)).expect(200);
      expect(own.body).toMatchObject({ scope: 'organization', queues: null, workers: null, api: null });
      expect(own.body.throughput.perMinute.reduce((sum: number, m: { done: number }) => sum + m.done, 0)).toBe(0);

      const theirs = await http.get('/api/monitoring/summary').set(auth(orgAdmin)).expect(200);
      expect(theirs.body.scope).toBe('organization');
      expect(theirs.body.throughput.perMinute.reduce((sum: number, m: { done: number }) => sum + m.done, 0)).toBe(1);

      const ops = await userToken(app, 'Monitored org', 'ops', 'admin');
      const platform = await http.get('/api/monitoring/summary').set(auth(ops)).expect(200);
      expect(platform.body.scope).toBe('platform');
      expect(platform.body.queues.ocr).toEqual(expect.objectContaining({ waiting: expect.any(Number) }));
      expect(platform.body.workers).toEqual({ alive: 0, concurrency: 0, busy: 0, list: [] });
      expect(platform.body.api.routes.length).toBeGreaterThan(0);
      await http
        .get('/api/monitoring/summary')
        .set(auth(await userToken(app, 'Monitored org', 'val', 'viewer')))
        .expect(403);
    });
  });
});
