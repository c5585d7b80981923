/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { SESSION_COOKIE } from '@invoice/contracts';
import {
  createTestDatabase,
  deleteRedisPrefix,
  startService,
  uniqueQueuePrefix,
  type ServiceProcess,
  type TestDatabase,
} from '@invoice/testing';

/**
 * The login page before and without its scripts, in Debian's chromium against the built gateway (own
 * database and queue prefix): the form in login.html works with JavaScript off, is drawn styled from the
 * HTML alone in the reader's language, and the app takes it over (keeping what was typed) or takes the
 * session its post started. Also what the page costs on the wire.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Brotli bytes the login page may send before it is usable (its HTML) and for its start-up scripts. */
const HTML_BUDGET = 8 * 1024;
const SCRIPTS_BUDGET = 110 * 1024;

/**
 * Holds the app's scripts until released, so a test sees the page as a slow network shows it before they
 * arrive (neither DOMContentLoaded nor load comes meanwhile: navigations wait for the commit only).
 */
async function holdScripts(context: BrowserContext): Promise<() => void> {
  let holding = true;
  const held: Route[] = [];
  await context.route(/\/assets\/.*\.js$/, (route) => (holding ? held.push(route) : route.continue()));
  return () => {
    holding = false;
    for (const route of held.splice(0)) void route.continue().catch(() => undefined);
  };
}

describe('the login page before and without its scripts (built gateway, Postgres, Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let gateway: ServiceProcess;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const newPage = async (options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, ...options });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { context, page };
  };
  const whoami = (page: Page) => page.getByTestId('whoami').textContent();

  beforeAll(async () => {
    db = await createTestDatabase('web_login');
    prefix = uniqueQueuePrefix('web-login');
    gateway = await startService('gateway', {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'web-login-e2e-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    });
    base = `http://127.0.0.1:${gateway.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('logs in with JavaScript off: a wrong password says so, the right one lands on the first page with the session', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/login`);
    const failed = page.getByText('Wrong username or password.');
    expect(await failed.isVisible()).toBe(false);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/login#login-failed$/);
    expect(await failed.isVisible()).toBe(true);
    expect(await page.getByText('Too many login attempts.').isVisible()).toBe(false);

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/demo$/);
    const cookies = await context.cookies(`${base}/api/auth/refresh`);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([[SESSION_COOKIE, true, 'Strict']]);

    // The same browser with scripts: the app is logged in from that cookie.
    const { page: app } = await newPage({ storageState: await context.storageState() });
    await app.goto(`${base}/demo`);
    expect(await whoami(app)).toBe('admin (admin)');
  });

  it("is drawn from its HTML alone, styled and in the reader's language, with no serious axe-core violation", async () => {
    const { context, page } = await newPage({ locale: 'fr-FR' });
    await holdScripts(context);
    await context.route(/\/assets\/.*\.css$/, (route) => route.abort());
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${base}/login`, { waitUntil: 'commit' });
    const button = page.getByRole('button', { name: 'Se connecter' });
    await button.waitFor();
    expect(await page.title()).toBe('Connexion · OCR de factures');
    // Bootstrap's primary button and form field, from the inline CSS (the stylesheet never arrived), which the CSP allowed.
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(13, 110, 253)');
    expect(await page.getByLabel('Identifiant').evaluate((el) => getComputedStyle(el).borderRadius)).toBe('6px');
    expect(violations).toEqual([]);
    await page.evaluate(AXE_SOURCE);
    const serious = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> } }
      ).axe;
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(serious).toEqual([]);
  });

  it('keeps what was typed, and the field the person is in, when the app takes the form over', async () => {
    const { context, page } = await newPage();
    const release = await holdScripts(context);
    await page.goto(`${base}/login`, { waitUntil: 'commit' });
    await page.locator('form[data-static-login] #username').fill('admin');
    await page.locator('form[data-static-login] #password').click();
    await page.keyboard.type('adm');
    release();
    await page.getByTestId('login-form').waitFor();
    expect(await page.locator('#username').inputValue()).toBe('admin');
    expect(await page.locator('#password').inputValue()).toBe('adm');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type('in');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/demo$/);
    expect(await whoami(page)).toBe('admin (admin)');
  });

  it('logs in from the form posted before the scripts arrived; the app then takes the session from the cookie', async () => {
    const { context, page } = await newPage();
    const release = await holdScripts(context);
    await page.goto(`${base}/login`, { waitUntil: 'commit' });
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/demo$/, { waitUntil: 'commit' });
    release();
    expect(await whoami(page)).toBe('admin (admin)');
  });

  it('sends a small login page and small start-up scripts, compressed', async () => {
    const { page } = await newPage();
    const sizes: { url: string; type: string; encoding: string | undefined; bytes: number }[] = [];
    page.on('response', (res) => {
      const type = res.request().resourceType();
      sizes.push({
        url: res.url(),
        type,
        encoding: res.headers()['content-encoding'],
        bytes: Number(res.headers()['content-length'] ?? 0),
      });
    });
    await page.goto(`${base}/login`);
    await page.getByTestId('login-form').waitFor();
    await page.waitForLoadState('load');
    const html = sizes.filter((s) => s.type === 'document');
    expect(html.map((s) => s.encoding)).toEqual(['br']);
    expect(html[0]!.bytes).toBeLessThan(HTML_BUDGET);
    const scripts = sizes.filter((s) => s.type === 'script');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.encoding !== 'br' && s.bytes >= 1024)).toEqual([]);
    expect(scripts.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(SCRIPTS_BUDGET);
  });
});
