/**
 * npm run bench:web-speed [-- --runs N] [-- --web-dir DIR] [-- --ref-web-dir DIR]
 *
 * The login page in Chromium as a phone on a slow network sees it: DevTools' "Fast 3G" profile
 * (562.5 ms latency, 180 kB/s down, 84 kB/s up) and the CPU slowed 4×, browser cache off. A gateway
 * (in-process, own database) serves the built web app from --web-dir (default apps/web/dist).
 *
 * Each run also loads, from a second gateway, the reference: a page holding nothing but a "Log in"
 * button in its HTML, the least any login page can cost on this profile (one request). With
 * --ref-web-dir, a third gateway serves another build (e.g. main's) in the same runs. Runs alternate
 * the pages, so a machine busy with other work slows them alike. Printed per run and page: bytes
 * transferred by type, the milliseconds until the login button is on screen ("usable"), the first
 * contentful paint and the load event; then each page's median "usable" against the reference's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { createTestDatabase, deleteRedisPrefix, REPO_ROOT, uniqueQueuePrefix } from '@invoice/testing';
import { createGateway, listenGateway } from '../../apps/gateway/src/bootstrap.js';
import { testGatewayConfig } from '../../apps/gateway/src/testing/gateway.harness.js';
import { intOption, printTable, round } from './bench.support.js';

const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const REFERENCE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Log in</title></head>' +
  '<body><form><button type="submit">Log in</button></form></body></html>';
const runs = intOption('runs', 3);
const option = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const webDir = option('web-dir') ?? join(REPO_ROOT, 'apps/web/dist');
const refWebDir = option('ref-web-dir');

type Row = Record<string, string | number>;

/** One visit of `url` on the throttled profile: bytes by type, ms until usable, first contentful paint and load. */
async function visit(browser: Browser, url: string): Promise<Row> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const types = new Map<string, string>();
    const bytes: Record<string, number> = { Document: 0, Script: 0, Stylesheet: 0, other: 0 };
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      const type = types.get(e.requestId) ?? 'other';
      bytes[type in bytes ? type : 'other']! += e.encodedDataLength;
    });
    const start = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 60_000 });
    const usable = Date.now() - start;
    await page.waitForLoadState('load');
    const loaded = Date.now() - start;
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    const kb = (n: number) => round(n / 1024, 1);
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    return {
      'usable ms': usable,
      'FCP ms': Math.round(paint),
      'load ms': loaded,
      'total kB': kb(total),
      'JS kB': kb(bytes.Script!),
      'CSS kB': kb(bytes.Stylesheet!),
      'HTML kB': kb(bytes.Document!),
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const db = await createTestDatabase('bench_web_speed');
const prefix = uniqueQueuePrefix('bench-web-speed');
const referenceDir = mkdtempSync(join(tmpdir(), 'web-speed-reference-'));
writeFileSync(join(referenceDir, 'index.html'), REFERENCE_HTML);
const apps: INestApplication[] = [];
const serve = async (dir: string) => {
  // Every gateway of the bench shares the one database (Nest warns, at level warn, that they share its name).
  const app = await createGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'error' }), { webDir: dir });
  apps.push(app);
  return `${await listenGateway(app, { HOST: '127.0.0.1', PORT: 0 })}/login`;
};
const pages: [string, string][] = [
  ['app', await serve(webDir)],
  ['reference', await serve(referenceDir)],
  ...(refWebDir ? [['ref-web-dir', await serve(refWebDir)] as [string, string]] : []),
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});

try {
  const rows: Row[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const [name, url] of pages) rows.push({ run, page: name, ...(await visit(browser, url)) });
  }
  printTable(rows);
  const usable = (name: string) => median(rows.filter((r) => r.page === name).map((r) => Number(r['usable ms'])));
  console.log();
  printTable(
    pages.map(([name]) => ({
      page: name,
      'median usable ms': usable(name),
      'usable / reference': round(usable(name) / usable('reference')),
    })),
  );
} finally {
  await browser.close();
  for (const app of apps) await app.close();
  rmSync(referenceDir, { recursive: true, force: true });
  await db.drop();
  await deleteRedisPrefix(prefix);
}
