import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOGIN_FORM_PATH, SESSION_COOKIE } from '@invoice/contracts';
import { startAdminGateway, type AdminGateway } from '../testing/gateway.harness.js';

const RATE = 4;

describe('the HTML login form: urlencoded post, session cookie, redirects, same-origin only (real Postgres and Redis)', () => {
  let gw: AdminGateway;
  let address = 0;
  /** A post of the form as a browser sends it from the login page: urlencoded, Sec-Fetch-Site same-origin, each from its own address. */
  const post = (fields: Record<string, string>, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) => {
    address += 1;
    return gw.http.post(LOGIN_FORM_PATH).set('x-forwarded-for', `198.51.100.${address}`).set(headers).type('form').send(fields);
  };
  const sessionCookie = (headers: Record<string, unknown>) =>
    ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

  beforeAll(async () => {
    gw = await startAdminGateway('login_form', { LOGIN_RATE_PER_MINUTE: String(RATE) });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('logs in: the session cookie, then 303 to the page asked for, whose app gets its token from the cookie', async () => {
    const res = await post({ username: 'admin', password: 'admin', from: '/invoices/42?tab=lines' }).expect(303);
    expect(res.headers.location).toBe('/invoices/42?tab=lines');
    const cookie = sessionCookie(res.headers);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.body).toEqual({});
    const refreshed = await gw.http.post('/api/auth/refresh').set('cookie', cookie!.split(';')[0]!).send({}).expect(200);
    await gw.http
      .get('/api/invoices')
      .set('authorization', `Bearer ${refreshed.body.access_token as string}`)
      .expect(200);
  });

  it('sends a login without a page, or with a page of another site, to the first page', async () => {
    expect((await post({ username: 'admin', password: 'admin' }).expect(303)).headers.location).toBe('/demo');
    expect((await post({ username: 'admin', password: 'admin', from: '//evil.example/x' }).expect(303)).headers.location).toBe('/demo');
  });

  it('sends wrong or missing credentials back to the login page saying so, keeping the page asked for, without a cookie', async () => {
    const wrong = await post({ username: 'admin', password: 'nope', from: '/review' }).expect(303);
    expect(wrong.headers.location).toBe('/login?from=%2Freview#login-failed');
    expect(sessionCookie(wrong.headers)).toBeUndefined();
    const missing = await post({ username: 'admin' }).expect(303);
    expect(missing.headers.location).toBe('/login#login-failed');
    const nested = await post({ 'username[a]': 'admin', password: 'admin' }).expect(303);
    expect(nested.headers.location).toBe('/login#login-failed');
  });

  it('refuses a post from another site (login CSRF) with 403, and JSON with 415, setting no cookie', async () => {
    const foreign: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      { origin: 'https://evil.example' },
      {},
    ];
    for (const headers of foreign) {
      const res = await post({ username: 'admin', password: 'admin' }, headers).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(sessionCookie(res.headers)).toBeUndefined();
    }
    // A browser without fetch metadata, posting from this origin.
    await post({ username: 'admin', password: 'admin' }, { origin: 'http://gateway.test', host: 'gateway.test' }).expect(303);
    const json = await gw.http
      .post(LOGIN_FORM_PATH)
      .set('sec-fetch-site', 'same-origin')
      .send({ username: 'admin', password: 'admin' })
      .expect(415);
    expect(sessionCookie(json.headers)).toBeUndefined();
  });

  it('sends a client over the login rate back to the login page saying to wait', async () => {
    const send = () =>
      gw.http
        .post(LOGIN_FORM_PATH)
        .set('x-forwarded-for', '198.51.100.250')
        .set('sec-fetch-site', 'same-origin')
        .type('form')
        .send({ username: 'admin', password: 'admin' });
    for (let i = 0; i < RATE; i++) expect((await send().expect(303)).headers.location).toBe('/demo');
    const limited = await send().expect(303);
    expect(limited.headers.location).toBe('/login#login-throttled');
    expect(sessionCookie(limited.headers)).toBeUndefined();
  });
});
