/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { InvoiceResponse, SegmentsResponse, UploadResponse } from '@invoice/contracts';
import { generateInvoice } from '@invoice/invoice-generator';
import {
  adminToken,
  gatewayJson,
  seedInvoice,
  seedOrganization,
  startServiceStack,
  waitForDocumentStatus,
  type GatewayJson,
  type ServiceStack,
  type TestDatabase,
} from '@invoice/testing';
import { launchChromium, SHOTS } from './browser.support.js';

/**
 * Accessibility and phone layout of the web app, in Debian's chromium (playwright-core) against the
 * built gateway, an OCR worker and the segmentation service. Every page is scanned with axe-core
 * (injected through the DevTools protocol, so the app's CSP does not apply to it) at desktop width in
 * English and at phone width in French; a serious or critical violation fails the test. At phone width
 * the navigation folds behind a menu button, the invoice list shows cards with status and dates in
 * view, and review does not put the focus (and the on-screen keyboard) in a field on arrival. The
 * invoice page's line item editor is scanned open too.
 * Screenshots of every page at both widths go to artifacts/screenshots (docs/screenshots holds a copy).
 */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's violations on the page as it is, with up to three offending elements each. */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

describe('web app accessibility and phone layout (gateway, worker, segmentation, Postgres, Redis)', () => {
  let stack: ServiceStack;
  let db: TestDatabase;
  let browser: Browser;
  let base: string;
  let token: string;
  let uploadedId: string;
  /** Every page, each with what shows it is drawn with its data. */
  let pages: { name: string; path: string; ready: string }[];

  let api: GatewayJson;

  /** A browser context at a width, language chosen, logged in as admin. */
  const loggedIn = async (
    viewport: { width: number; height: number },
    language: 'en' | 'fr',
    phone: boolean,
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> => {
    const context = await browser.newContext({ viewport, locale: language === 'fr' ? 'fr-FR' : 'en-US', isMobile: phone, hasTouch: phone });
    context.setDefaultTimeout(30_000);
    await context.addInitScript((lng) => localStorage.setItem('invoice-ocr.language', lng), language);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/login`);
    await page.locator('#username').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `login-${phone ? 'phone' : 'desktop'}.png`) });
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('admin');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/demo$/);
    return { context, page, errors };
  };

  const axeSerious = async (page: Page) => (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');

  /** Opens each page, waits for its data, scans it and takes its screenshot. */
  const scanEveryPage = async (page: Page, width: 'desktop' | 'phone') => {
    const found: Record<string, Violation[]> = {};
    for (const { name, path, ready } of pages) {
      await page.goto(`${base}${path}`);
      await page.locator(ready).first().waitFor();
      // The page images are in (the screenshots show them).
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('main img')).every((img) => img.complete));
      const serious = await axeSerious(page);
      // Every table has header cells, every chart a text alternative, every scrolling box a tab stop.
      const structure = await page.evaluate(() => [
        ...Array.from(document.querySelectorAll('table'))
          .filter((t) => !t.querySelector('th'))
          .map((t) => `table without headers: ${t.dataset.testid ?? t.outerHTML.slice(0, 60)}`),
        ...Array.from(document.querySelectorAll('canvas'))
          .filter((c) => c.getAttribute('role') !== 'img' || !/\d/.test(c.getAttribute('aria-label') ?? ''))
          .map(() => 'chart without a text alternative'),
        ...Array.from(document.querySelectorAll('pre, .table-responsive'))
          .filter((el) => el.getAttribute('tabindex') !== '0')
          .map((el) => `scrolling box out of the tab order: ${el.className}`),
      ]);
      serious.push(...structure.map((help) => ({ id: 'structure', impact: 'serious', help, targets: [] })));
      if (serious.length > 0) found[name] = serious;
      // Nothing wider than a phone: wide tables scroll inside their own box.
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width === 'phone' && scrollWidth > PHONE.width)
        found[name] = [...serious, { id: 'page-wider-than-phone', impact: 'serious', help: `${scrollWidth} px`, targets: [] }];
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: false });
    }
    return found;
  };

  /** The invoice page with its line item editor open (a table of inputs): scanned, and no wider than the screen. */
  const scanLineItemEditor = async (page: Page, width: number) => {
    await page.goto(`${base}/invoices/${uploadedId}`);
    await page.getByTestId('items-edit').click();
    await page.getByTestId('line-items-editor').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  };

  beforeAll(async () => {
    stack = await startServiceStack('web_a11y', ['ocr-worker', 'segmentation'], { SEGMENTATION_TRIGGER_INVOICES: '100000' });
    ({ db, base } = stack);
    token = await adminToken(base);
    api = gatewayJson(base, token);

    // Ten months of invoices from 8 customers, then one segmentation run.
    const organizationId = await seedOrganization(db.dataSource, 'Default organization');
    const now = new Date();
    for (let i = 0; i < 48; i++) {
      const day = new Date(now.getTime() - (i * 6 + 1) * 86_400_000);
      await seedInvoice(db.dataSource, {
        organizationId,
        customerKey: `id:a11y-${i % 8}`,
        customerName: `Client ${String.fromCharCode(65 + (i % 8))} SAS`,
        issueDate: day.toISOString().slice(0, 10),
        total: 120 + ((i * 173) % 1900) + 0.5,
      });
    }
    await db.dataSource.query(`UPDATE invoices SET invoice_number = 'FAC-' || upper(substr(id::text, 1, 6))`);
    await api('/api/segments/recompute', { method: 'POST' });

    // One real upload read by the worker (page image, word boxes, OCR text), then sent to review.
    const { image } = await generateInvoice(7, { language: 'fr' });
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'facture-7.png');
    const upload = await api<UploadResponse>('/api/invoices', { method: 'POST', body: form });
    uploadedId = upload.jobs[0]!.documentId;
    await waitForDocumentStatus(db.dataSource, uploadedId, ['done', 'needs_review', 'failed'], 240_000);
    await db.dataSource.query(`UPDATE documents SET status = 'needs_review' WHERE id = $1`, [uploadedId]);
    await db.dataSource.query(
      `UPDATE invoices SET issues = '["missing:customerEmail"]', issue_date = current_date - 2 WHERE document_id = $1`,
      [uploadedId],
    );
    for (let i = 0; i < 120; i++) {
      if ((await api<SegmentsResponse>('/api/segments')).run?.status === 'succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    pages = [
      { name: 'demo', path: '/demo', ready: '[data-testid="dropzone"]' },
      { name: 'invoices', path: '/invoices', ready: '[data-testid="invoice-table"] tbody tr' },
      { name: 'invoice', path: `/invoices/${uploadedId}`, ready: '[data-testid="ocr-text"]' },
      { name: 'review', path: '/review', ready: '[data-testid="review-form"]' },
      { name: 'analytics', path: '/analytics', ready: '[data-testid="segments"] tbody tr' },
      { name: 'monitoring', path: '/monitoring', ready: '[data-testid="queues"] tbody tr' },
    ];
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('has no serious or critical axe-core violation on any page at desktop width (English)', async () => {
    const { context, page, errors } = await loggedIn(DESKTOP, 'en', false);
    expect(await page.getByTestId('menu-toggle').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Invoices' }).isVisible()).toBe(true);
    expect(await scanEveryPage(page, 'desktop')).toEqual({});
    await scanLineItemEditor(page, DESKTOP.width);
    // Keyboard-first on a desktop: review puts the focus in the first field.
    await page.goto(`${base}/review`);
    await page.getByTestId('review-form').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'r-invoiceNumber');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone in French: folded navigation, invoice cards, no keyboard on arrival, no serious violation', async () => {
    const { context, page, errors } = await loggedIn(PHONE, 'fr', true);
    // The links are folded behind the menu button until it is pressed; following one folds them again.
    const toggle = page.getByTestId('menu-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Factures' }).isVisible()).toBe(false);
    await toggle.click();
    await page.locator('[data-testid="menu-toggle"][aria-expanded="true"]').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'menu-phone.png') });
    await page.getByRole('link', { name: 'Factures' }).click();
    await page.waitForURL(/\/invoices$/);
    await page.locator('[data-testid="invoice-table"] tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: 'Factures' }).isVisible()).toBe(false);

    // Each invoice is a card, its status and dates on screen, nothing wider than the phone.
    const card = page.locator('[data-testid="invoice-table"] tbody tr').first();
    expect(await card.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
    // The header row is there for screen readers only (a 1-pixel clipped box).
    expect(
      await page.locator('[data-testid="invoice-table"] thead').evaluate((el) => el.getBoundingClientRect().height),
    ).toBeLessThanOrEqual(1);
    for (const label of ['Statut', "Date d'émission", 'Envoyée']) {
      const cell = card.locator(`td[data-label="${label}"]`);
      const box = await cell.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    }
    // French formats: day-first dates, decimal comma and the euro sign after the amount.
    expect(await card.locator(`td[data-label="Date d'émission"]`).textContent()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(await card.locator('td[data-label="Total"]').textContent()).toMatch(/^\d{1,3}([\u00a0\u202f]\d{3})*,\d\d\u00a0€$/u);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // Review on a touch screen: no field has the focus, so the on-screen keyboard stays closed.
    await page.goto(`${base}/review`);
    await page.getByTestId('review-form').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');

    const found = await scanEveryPage(page, 'phone');
    expect(found).toEqual({});
    await scanLineItemEditor(page, PHONE.width);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers the upload as the API describes (the test data is real)', async () => {
    const invoice = await api<InvoiceResponse>(`/api/invoices/${uploadedId}`);
    expect(invoice.invoice?.ocr.words.length).toBeGreaterThan(20);
  });
});
