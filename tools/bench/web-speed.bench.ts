/**
 * npm run bench:web-speed [-- --runs N] [-- --web-dir DIR]
 *
 * The login page in Chromium as a phone on a slow network sees it: DevTools' "Fast 3G" profile
 * (562.5 ms latency, 180 kB/s down, 84 kB/s up) and the CPU slowed 4×, browser cache off. The
 * gateway (in-process, own database) serves the built web app from --web-dir (default
 * apps/web/dist). Printed per run: bytes transferred by type, and the milliseconds until the login
 * form's button is on screen and the load event.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createTestDatabase, deleteRedisPrefix, REPO_ROOT, uniqueQueuePrefix } from '@invoice/testing';
import { createGateway, listenGateway } from '../../apps/gateway/src/bootstrap.js';
import { testGatewayConfig } from '../../apps/gateway/src/testing/gateway.harness.js';
import { intOption, printTable, round } from './bench.support.js';

const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const runs = intOption('runs', 3);
const dirArg = process.argv.indexOf('--web-dir');
const webDir = dirArg > 0 ? process.argv[dirArg + 1]! : join(REPO_ROOT, 'apps/web/dist');

const db = await createTestDatabase('bench_web_speed');
const prefix = uniqueQueuePrefix('bench-web-speed');
const app = await createGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }), { webDir });
const base = await listenGateway(app, { HOST: '127.0.0.1', PORT: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });

try {
  const rows: Record<string, string | number>[] = [];
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
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
    await page.goto(`${base}/login`, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 60_000 });
    const usable = Date.now() - start;
    await page.waitForLoadState('load');
    const loaded = Date.now() - start;
    const kb = (n: number) => round(n / 1024, 1);
    rows.push({ run, 'usable ms': usable, 'load ms': loaded, 'total kB': kb(Object.values(bytes).reduce((a, b) => a + b, 0)), 'JS kB': kb(bytes.Script!), 'CSS kB': kb(bytes.Stylesheet!), 'HTML kB': kb(bytes.Document!) });
    await context.close();
  }
  printTable(rows);
} finally {
  await browser.close();
  await app.close();
  await db.drop();
  await deleteRedisPrefix(prefix);
}
