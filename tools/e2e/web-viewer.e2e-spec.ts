/// <reference lib="dom" />
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { InvoiceResponse, UploadResponse } from '@invoice/contracts';
import { generateInvoiceData, renderInvoicePdf } from '@invoice/invoice-generator';
import { adminToken, startServiceStack, type ServiceStack } from '@invoice/testing';
import { launchChromium, SHOTS } from './browser.support.js';

/**
 * The page viewer and the browser-wide session in a real browser (Debian's chromium driven by
 * playwright-core) against the built gateway and an OCR worker, on a database and a queue prefix of
 * their own. Access tokens live 60 s (the shortest accepted), so the session refreshes within the test.
 */
const DESKTOP = { width: 1366, height: 900 };

describe('page viewer and browser session (gateway, worker, Postgres, Redis, chromium)', () => {
  let stack: ServiceStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let documentId: string;
  let invoice: InvoiceResponse;
  const pageErrors: string[] = [];

  const tokenOf = (tab: Page) => tab.evaluate(() => sessionStorage.getItem('invoice-ocr.token'));
  const boxCount = (tab: Page) => tab.locator('[data-testid="page-image"] svg rect').count();
  const logIn = async (tab: Page) => {
    await tab.getByLabel('Username').fill('admin');
    await tab.getByLabel('Password').fill('admin');
    await tab.getByRole('button', { name: 'Log in' }).click();
  };
  const watch = (tab: Page) => tab.on('pageerror', (error) => pageErrors.push(error.message));

  beforeAll(async () => {
    stack = await startServiceStack('webviewer', ['ocr-worker'], { JWT_EXPIRES_IN_SECONDS: '60' });
    base = stack.base;

    // A two-page PDF from invoicing software (a text layer on both pages: words with boxes, no OCR wait).
    const truth = generateInvoiceData(5150, { language: 'en' });
    const pdf = await renderInvoicePdf(truth, {
      pdf: 'text',
      seed: 5150,
      extraPages: [['Terms and conditions', 'Payment due within 30 days of the invoice date']],
    });
    const token = await adminToken(base);
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'two-pages.pdf');
    const upload = (await (
      await fetch(`${base}/api/invoices`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
    ).json()) as UploadResponse;
    documentId = upload.jobs[0]!.documentId;
    for (let i = 0; i < 240; i++) {
      invoice = (await (
        await fetch(`${base}/api/invoices/${documentId}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as InvoiceResponse;
      if (!['queued', 'processing'].includes(invoice.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(invoice).toMatchObject({ pageCount: 2 });

    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    watch(page);
  }, 240_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows every page of a PDF with its word boxes; zooms, rotates and hides the boxes', async () => {
    await page.goto(`${base}/invoices/${documentId}`);
    await page.waitForURL(/\/login$/);
    await logIn(page);
    // Back on the invoice asked for.
    await page.waitForURL(new RegExp(`/invoices/${documentId}$`));
    const figure = page.getByTestId('page-image');
    await figure.locator('svg rect').first().waitFor();
    await expect(page.getByTestId('page-indicator').textContent()).resolves.toBe('Page 1 of 2');
    const words = invoice.invoice!.ocr.words;
    expect(await boxCount(page)).toBe(words.filter((w) => w.page === 0).length);
    // The picture is the rendered page (a real image), not the PDF.
    expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 500)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'viewer-page-1.png') });

    await page.getByTestId('page-next').click();
    await page.locator('[data-testid="page-image"][data-page="2"] svg rect').first().waitFor();
    await expect(page.getByTestId('page-indicator').textContent()).resolves.toBe('Page 2 of 2');
    expect(await boxCount(page)).toBe(words.filter((w) => w.page === 1).length);
    expect(await page.getByTestId('page-next').isDisabled()).toBe(true);

    const width = async () => (await figure.boundingBox())!.width;
    const fitted = await width();
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    await expect(page.getByTestId('zoom-level').textContent()).resolves.toBe('150 %');
    expect((await width()) / fitted).toBeCloseTo(1.5, 1);
    // Zoomed in, the page pans by dragging.
    const viewport = page.getByTestId('page-viewport');
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 120, { steps: 5 });
    await page.mouse.up();
    const scrolled = await viewport.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));
    expect(scrolled.left).toBeGreaterThan(100);
    expect(scrolled.top).toBeGreaterThan(80);
    // The keyboard does the same: 0 fits, R rotates, B hides the boxes.
    await viewport.focus();
    await page.keyboard.press('0');
    await expect(page.getByTestId('zoom-level').textContent()).resolves.toBe('100 %');
    await page.keyboard.press('r');
    await page.locator('[data-testid="page-image"][data-rotation="90"]').waitFor();
    const turned = (await figure.boundingBox())!;
    expect(turned.width).toBeGreaterThan(turned.height); // a portrait page lying on its side
    await page.keyboard.press('b');
    expect(await figure.locator('svg').count()).toBe(0);
    await page.getByTestId('toggle-boxes').check();
    expect(await boxCount(page)).toBeGreaterThan(0);
    await page.getByTestId('rotate-left').click();
    await page.getByTestId('rotate-left').click();
    await page.locator('[data-testid="page-image"][data-rotation="270"]').waitFor();
    await page.getByTestId('page-previous').click();
    await page.locator('[data-testid="page-image"][data-page="1"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'viewer-rotated.png') });
  });

  it('downloads the original and reprocesses the document with other OCR settings', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('action-download').click()]);
    expect(download.suggestedFilename()).toBe('two-pages.pdf');
    await page.getByTestId('action-reprocess').click();
    await page.getByLabel('Page layout (tesseract page segmentation mode)').selectOption('6');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/reprocess')),
      page.getByTestId('reprocess-submit').click(),
    ]);
    expect(JSON.parse(request.postData()!)).toEqual({ psm: 6 });
    await page.getByTestId('reprocess-notice').waitFor();
    // Correcting is the page's link to the review screen.
    expect(await page.getByTestId('open-review').getAttribute('href')).toBe(`/review/${documentId}`);
  });

  it('opens an invoice in a new tab without asking to log in again', async () => {
    const tab = await context.newPage();
    watch(tab);
    await tab.goto(`${base}/invoices/${documentId}`);
    await tab.locator('[data-testid="page-image"] svg rect').first().waitFor();
    expect(tab.url()).toBe(`${base}/invoices/${documentId}`);
    await expect(tab.getByTestId('whoami').textContent()).resolves.toBe('admin (admin)');
    // Both tabs hold tokens of their own, from the one session.
    expect(await tokenOf(tab)).toBeTruthy();
    expect(await tokenOf(tab)).not.toBe(await tokenOf(page));
    await tab.close();
  });

  it('refreshes the session while the person works, and when the gateway refuses a token', async () => {
    const first = await tokenOf(page);
    // Activity: the token is renewed ahead of its expiry (here within seconds: tokens live 60 s).
    await page.getByTestId('page-viewport').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((old) => sessionStorage.getItem('invoice-ocr.token') !== old, first, { timeout: 30_000 });
    // A token the gateway refuses (a wrong signature): the next call refreshes it and goes on, no login.
    await page.evaluate(() => {
      const [header, payload] = sessionStorage.getItem('invoice-ocr.token')!.split('.');
      sessionStorage.setItem('invoice-ocr.token', `${header}.${payload}.bad-signature`);
    });
    await page.getByRole('link', { name: 'Invoices', exact: true }).click();
    await page.locator('[data-testid="invoice-table"] tbody tr').first().waitFor();
    expect(page.url()).toBe(`${base}/invoices`);
    expect(await tokenOf(page)).not.toMatch(/bad-signature$/);
  });

  it('says on the login page that the session ended, and returns the person where they were', async () => {
    await page.goto(`${base}/invoices/${documentId}`);
    await page.getByTestId('page-viewer').waitFor();
    // "Log out everywhere" from elsewhere: the access token and the session cookie are both revoked.
    const token = await tokenOf(page);
    const res = await fetch(`${base}/api/auth/logout-everywhere`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(204);
    await page.getByTestId('page-next').click();
    await page.getByTestId('expired').waitFor();
    expect(page.url()).toBe(`${base}/login?reason=expired`);
    await logIn(page);
    await page.waitForURL(`${base}/invoices/${documentId}`);
    await page.getByTestId('page-viewer').waitFor();
  });
});
