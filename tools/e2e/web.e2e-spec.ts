/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import type {
  AnalyticsOverviewResponse,
  CustomerListResponse,
  InvoiceListResponse,
  InvoiceResponse,
  SegmentsResponse,
} from '@invoice/contracts';
import { generateInvoice, generateInvoiceData, toUblInvoice } from '@invoice/invoice-generator';
import {
  adminToken,
  gatewayJson,
  seedInvoice,
  seedOrganization,
  startServiceStack,
  type GatewayJson,
  type ServiceStack,
  type TestDatabase,
} from '@invoice/testing';
import { launchChromium, SHOTS } from './browser.support.js';

/**
 * The web app in a real browser (Debian's chromium driven by playwright-core) against the real
 * services: the built gateway serving apps/web/dist, an OCR worker and the segmentation service,
 * on a database and a queue prefix of their own. Screenshots of each page go to artifacts/screenshots.
 */
const DESKTOP = { width: 1366, height: 900 };
/** A day `months` months before this one (UTC), YYYY-MM-DD: the seeded history stays in the analytics' default last 12 months. */
const monthsAgo = (months: number, day: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day)).toISOString().slice(0, 10);
};
/** A string only chart.js's own code holds (its date adapter's error), to tell its chunk from the others. */
const CHART_JS_MARK = 'complete date adapter';

describe('web app in a browser (gateway, worker, segmentation, Postgres, Redis)', () => {
  let stack: ServiceStack;
  let db: TestDatabase;
  let browser: Browser;
  let page: Page;
  let base: string;
  let token: string;
  let uploadedId: string;
  const pageErrors: string[] = [];
  /** The scripts the browser fetched, with the encoding and length they came in. */
  const scripts: { url: string; encoding: string | undefined; bytes: number }[] = [];
  const withChartJs = async (urls: string[]) => {
    const bodies = await Promise.all(urls.map(async (url) => ({ url, text: await (await fetch(url)).text() })));
    return bodies.filter((b) => b.text.includes(CHART_JS_MARK)).map((b) => b.url);
  };

  let api: GatewayJson;
  /** Waits for the tab's title (set once the page has rendered). */
  const titled = (title: string) => page.waitForFunction((want) => document.title === want, title);
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    stack = await startServiceStack('web', ['ocr-worker', 'segmentation'], { SEGMENTATION_TRIGGER_INVOICES: '100000' });
    ({ db, base } = stack);
    token = await adminToken(base);
    api = gatewayJson(base, token);

    // The last 12 months of history for the analytics page: 12 customers, 90 invoices, then one segmentation run.
    const organizationId = await seedOrganization(db.dataSource, 'Default organization');
    for (let i = 0; i < 90; i++) {
      const customer = i % 12;
      await seedInvoice(db.dataSource, {
        organizationId,
        customerKey: `id:c-${customer}`,
        customerName: `Customer ${String.fromCharCode(65 + customer)} SARL`,
        issueDate: monthsAgo((i * 7) % 12, (i % 27) + 1),
        total: 80 + ((customer * 137 + i * 31) % 900) * (customer < 3 ? 4 : 1),
      });
    }
    // Numbers, OCR times and completion times spread over the last hour, as real work would leave them.
    await db.dataSource.query(
      `UPDATE invoices SET invoice_number = 'INV-' || to_char(issue_date, 'YYYYMMDD') || '-' || upper(substr(id::text, 1, 4)),
                           ocr_duration_ms = 550 + (abs(hashtext(id::text)) % 400)`,
    );
    await db.dataSource.query(`UPDATE documents SET completed_at = now() - make_interval(secs => abs(hashtext(id::text)) % 3300)`);
    await api('/api/segments/recompute', { method: 'POST' });
    for (let i = 0; i < 120; i++) {
      const segments = await api<SegmentsResponse>('/api/segments');
      if (segments.run?.status === 'succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    // A crash in the app fails the test that caused it, with the message.
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.endsWith('.js')) {
        scripts.push({ url: res.url(), encoding: res.headers()['content-encoding'], bytes: Number(res.headers()['content-length'] ?? 0) });
      }
    });
  }, 240_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('sends a visitor to login, and logs in', async () => {
    await page.goto(`${base}/invoices`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await titled('Log in · Invoice OCR');
    // The login page's scripts come brotli-compressed (all but those under 1 kB), and none of them is the chart library.
    expect(scripts.filter((s) => s.encoding === 'br').length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.encoding !== 'br' && s.bytes >= 1024)).toEqual([]);
    await expect(withChartJs(scripts.map((s) => s.url))).resolves.toEqual([]);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Password').fill('admin');
    await shot('login');
    await page.getByRole('button', { name: 'Log in' }).click();
    // Back where the visitor wanted to go.
    await page.waitForURL(/\/invoices$/);
    await expect(page.getByTestId('whoami').textContent()).resolves.toBe('admin (admin)');
    await titled('Invoices · Invoice OCR');
  });

  it('uploads a generated invoice on the demo page and shows its fields when done', async () => {
    const { truth, image } = await generateInvoice(4242, { language: 'en' });
    // An upload of this tab from earlier, whose job the gateway does not know: it stays queued.
    await page.evaluate(() =>
      sessionStorage.setItem(
        'invoice-ocr.demo-jobs',
        JSON.stringify([
          { jobId: 'earlier-job', documentId: '00000000-0000-4000-8000-000000000000', filename: 'earlier.png', duplicate: false },
        ]),
      ),
    );
    await page.getByRole('link', { name: 'OCR demo' }).click();
    await titled('OCR demo · Invoice OCR');
    await page.getByTestId('file-input').setInputFiles({ name: 'invoice-4242.png', mimeType: 'image/png', buffer: image });
    const job = page.locator('[data-testid="demo-job"][data-status="done"], [data-testid="demo-job"][data-status="needs_review"]');
    await job.waitFor({ timeout: 180_000 });
    await expect(job.getByTestId('field-invoiceNumber').textContent()).resolves.toContain(truth.invoiceNumber);
    await expect(job.getByTestId('field-customerName').textContent()).resolves.toContain(truth.customerName);
    // The document type, read from the title over the customer block, in the interface's language.
    await expect(job.getByTestId('field-documentType').textContent()).resolves.toContain('Invoice');
    // The page image is loaded, with the OCR word boxes drawn over it.
    await job.locator('[data-testid="page-image"] svg rect').first().waitFor();
    expect(await job.locator('[data-testid="page-image"] svg rect').count()).toBeGreaterThan(20);
    await job.locator('[data-field="total"]').hover();
    await shot('demo');
    // One compact line per upload, the latest one open; opening another closes it.
    const lines = page.getByTestId('demo-job');
    await expect(lines.count()).resolves.toBe(2);
    const earlier = lines.filter({ hasText: 'earlier.png' });
    await expect(earlier.getAttribute('data-open')).resolves.toBe('false');
    await earlier.getByTestId('demo-job-toggle').click();
    await expect(earlier.getAttribute('data-open')).resolves.toBe('true');
    await expect(job.getAttribute('data-open')).resolves.toBe('false');
    expect(await page.getByTestId('field-invoiceNumber').count()).toBe(0);
    await job.getByTestId('demo-job-toggle').click();
    await job.getByTestId('field-invoiceNumber').waitFor();
    expect(await page.locator('[data-testid="demo-job"][data-open="true"]').count()).toBe(1);
    const list = await api<InvoiceListResponse>('/api/invoices?q=invoice-4242');
    uploadedId = list.items[0]!.documentId;
  });

  it('lists invoices with filters and sorting kept in the URL, and opens one', async () => {
    await page.goto(`${base}/invoices?sort=total&order=desc`);
    const rows = page.locator('[data-testid="invoice-table"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    const totals = await page.locator('[data-testid="invoice-table"] tbody tr td:nth-child(4)').allTextContents();
    const amounts = totals.map((text) => Number(text.replace(/[^\d.]/g, '')));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    await shot('invoices');
    await page.getByLabel('Customer').fill('Customer B');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/customer=Customer\+B/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="invoice-table"] tbody tr').length < 25);
    const customers = await page.locator('[data-testid="invoice-table"] tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(customers)).toEqual(new Set(['Customer B SARL']));

    await page.goto(`${base}/invoices/${uploadedId}`);
    await page.getByTestId('ocr-text').waitFor();
    await page.locator('[data-testid="page-image"] svg').waitFor();
    await shot('invoice');
  });

  it('shows a bare UBL e-invoice as its fields and lines, with the e-invoice badge and the XML download', async () => {
    const truth = generateInvoiceData(4343, { layout: 'modern', language: 'en' });
    const xml = toUblInvoice(truth);
    const form = new FormData();
    form.append('files', new Blob([xml], { type: 'text/plain' }), 'peppol-4343.xml');
    const uploaded = (await (
      await fetch(`${base}/api/invoices`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
    ).json()) as { jobs: { jobId: string; documentId: string }[] };
    const { jobId, documentId } = uploaded.jobs[0]!;
    for (let i = 0; i < 120; i++) {
      const job = await api<{ status: string }>(`/api/jobs/${jobId}`);
      if (job.status !== 'queued' && job.status !== 'processing') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(`${base}/invoices/${documentId}`);
    const rendering = page.getByTestId('einvoice-document');
    await rendering.waitFor();
    expect(await page.getByTestId('page-image').count()).toBe(0);
    await expect(rendering.textContent()).resolves.toContain(truth.invoiceNumber);
    await expect(rendering.textContent()).resolves.toContain(truth.lineItems[0]!.description);
    await expect(page.getByTestId('einvoice-badge').textContent()).resolves.toContain('E-invoice · UBL · PEPPOL BIS 3');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download XML' }).click()]);
    expect(download.suggestedFilename()).toBe('peppol-4343.xml');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(xml);
    await shot('einvoice');
  });

  it('corrects a field in the review screen with the keyboard and saves it', async () => {
    // Send the uploaded invoice to review, as a failed check would.
    await db.dataSource.query(`UPDATE documents SET status = 'needs_review' WHERE id = $1`, [uploadedId]);
    await db.dataSource.query(`UPDATE invoices SET issues = '["missing:customerEmail"]' WHERE document_id = $1`, [uploadedId]);
    await page.getByRole('link', { name: 'Review' }).click();
    const form = page.getByTestId('review-form');
    await form.waitFor();
    expect(await form.getAttribute('data-document')).toBe(uploadedId);
    const name = page.getByLabel('Customer', { exact: true });
    await name.fill('Corrected Customer Ltd');
    await shot('review');
    await name.press('Enter');
    await page.getByTestId('review-notice').waitFor();
    await page.getByTestId('empty-state').waitFor();
    const saved = await api<InvoiceResponse>(`/api/invoices/${uploadedId}`);
    expect(saved.invoice?.customerName).toBe('Corrected Customer Ltd');
    expect(saved.status).toBe('done');
    expect(saved.invoice?.corrections.at(-1)?.changes.customerName?.to).toBe('Corrected Customer Ltd');
  });

  it('never gets stuck on an invoice whose checks still fail, and accepts it with a reason', async () => {
    const [{ organization_id: org }] = await db.dataSource.query(`SELECT organization_id FROM documents WHERE id = $1`, [uploadedId]);
    // Two invoices in review whose only problem is their missing line items, the older first.
    const stuck = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'name:stuck',
      customerName: 'Stuck Ltd',
      issueDate: '2024-02-01',
      total: 10,
      status: 'needs_review',
    });
    const other = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'name:other',
      customerName: 'Other Ltd',
      issueDate: '2024-02-02',
      total: 20,
      status: 'needs_review',
    });
    await db.dataSource.query(`UPDATE documents SET created_at = now() - interval '1 hour' WHERE id = $1`, [stuck]);
    await db.dataSource.query(
      `UPDATE invoices SET invoice_number = 'N-' || left(document_id::text, 8), issues = '["missing:lineItems"]' WHERE document_id = ANY($1)`,
      [[stuck, other]],
    );

    await page.goto(`${base}/review`);
    const form = page.getByTestId('review-form');
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-form"]')?.getAttribute('data-document') === id, stuck);
    // Enter without changing anything: the checks still fail, so it stays, says so, and the form stays usable.
    await page.getByLabel('Customer', { exact: true }).press('Enter');
    await page.getByTestId('review-failing').waitFor();
    expect(await form.getAttribute('data-document')).toBe(stuck);
    expect(await page.locator('[data-testid="review-form"] fieldset').isDisabled()).toBe(false);
    expect(await page.getByTestId('review-skip').isEnabled()).toBe(true);
    expect((await api<InvoiceResponse>(`/api/invoices/${stuck}`)).status).toBe('needs_review');

    // A reload does not land on it again: the invoice seen goes behind the others.
    await page.reload();
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-form"]')?.getAttribute('data-document') === id, other);
    await page.getByTestId('review-skip').click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-form"]')?.getAttribute('data-document') === id, stuck);

    // Accept with a reason: done, recorded with who and why, and the next invoice opens.
    await page.getByLabel('Customer', { exact: true }).press('Enter');
    await page.getByTestId('review-reason').fill('Service invoice without line items');
    await page.getByTestId('review-accept').click();
    await page.getByText('Accepted. Next invoice.').waitFor();
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-form"]')?.getAttribute('data-document') === id, other);
    const accepted = await api<InvoiceResponse>(`/api/invoices/${stuck}`);
    expect(accepted.status).toBe('done');
    expect(accepted.invoice?.reviewAcceptance).toMatchObject({
      reason: 'Service invoice without line items',
      issues: ['missing:lineItems'],
    });
    await db.dataSource.query(`UPDATE documents SET status = 'done' WHERE id = $1`, [other]);
  });

  it('shows the analytics with data, and exports the customers in view as CSV', async () => {
    const before = scripts.length;
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.locator('[data-testid="revenue-chart"] canvas').waitFor();
    await titled('Analytics · Invoice OCR');
    // The chart library arrives with the first page that draws a chart.
    await expect(withChartJs(scripts.slice(before).map((s) => s.url))).resolves.toHaveLength(1);
    await page.locator('[data-testid="segments"] tbody tr').first().waitFor();
    await page.locator('[data-testid="scatter"] canvas').waitFor();
    expect(await page.locator('[data-testid="top-customers"] tbody tr').count()).toBe(10);
    const segmentRows = await page.locator('[data-testid="segments"] tbody tr').count();
    expect(segmentRows).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid="segment-customers"] tbody tr').first().waitFor();
    const inView = await page.locator('[data-testid="segment-customers"] tbody tr').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('customerKey,customerName,segment,recencyDays,frequency,monetary,r,f,m');
    expect(lines).toHaveLength(inView + 1);
    await shot('analytics');
  });

  it('shows the last 12 months by default with their totals, and opens the invoices of a month and the customers of a segment', async () => {
    await page.goto(`${base}/analytics`);
    // The default range: 12 whole months, this one included, with its preset pressed.
    const from = monthsAgo(11, 1);
    await page.waitForFunction((want) => (document.querySelector('#a-from') as HTMLInputElement | null)?.value === want, from);
    expect(await page.getByTestId('preset-12m').getAttribute('aria-pressed')).toBe('true');
    const to = await page.locator('#a-to').inputValue();
    expect(to.slice(0, 7)).toBe(monthsAgo(0, 1).slice(0, 7));
    // The headline totals are the API's for that range, which add up its months.
    const overview = await api<AnalyticsOverviewResponse>(`/api/analytics/overview?from=${from}&to=${to}`);
    expect(overview.totals.invoices).toBe(overview.months.reduce((sum, m) => sum + m.invoices, 0));
    expect(overview.totals.customers).toBe(12);
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="total-invoices"]')?.textContent === want,
      String(overview.totals.invoices),
    );
    await expect(page.getByTestId('total-customers').textContent()).resolves.toBe('12');
    const euros = (value: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(value);
    await expect(page.getByTestId('total-revenue').textContent()).resolves.toBe(euros(overview.totals.revenue));
    await expect(page.getByTestId('total-average').textContent()).resolves.toBe(euros(overview.totals.averageInvoice!));
    // Every table has its headers.
    for (const table of ['top-customers', 'segments', 'rfm-segments', 'segment-customers']) {
      expect(await page.locator(`[data-testid="${table}"] thead th`).count()).toBeGreaterThan(2);
    }

    // A preset: all time, kept in the URL.
    await page.getByTestId('preset-all').click();
    await page.waitForURL(/range=all/);
    const all = await api<AnalyticsOverviewResponse>('/api/analytics/overview');
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="total-invoices"]')?.textContent === want,
      new Intl.NumberFormat('en').format(all.totals.invoices),
    );
    expect(await page.locator('#a-from').inputValue()).toBe('');

    // A click in a month's column of the invoice chart opens that month's invoices, all of them.
    await page.getByTestId('preset-12m').click();
    await page.waitForFunction(() => !location.search.includes('range='));
    const canvas = page.locator('[data-testid="invoices-chart"] canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/invoices\?issuedFrom=/);
    const opened = new URL(page.url()).searchParams;
    const month = opened.get('issuedFrom')!.slice(0, 7);
    expect(opened.get('issuedTo')!.slice(0, 7)).toBe(month);
    expect(opened.get('status')).toBeNull();
    await page.getByTestId('issued-filter').waitFor();
    const expected = overview.months.find((m) => m.month === month)!.invoices;
    expect(expected).toBeGreaterThan(0);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="invoice-table"] tbody tr').length === n, expected);
    // The issue dates are shown in the language's short form (M/D/YY in English); their <time> elements carry the ISO date.
    const isoDates = await page
      .locator('[data-testid="invoice-table"] tbody tr td:nth-child(3) time')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
    expect(isoDates).toHaveLength(expected);
    expect(isoDates.filter((date) => !date.startsWith(month))).toEqual([]);
    const dates = await page.locator('[data-testid="invoice-table"] tbody tr td:nth-child(3)').allTextContents();
    const [year, monthNumber] = month.split('-');
    const inMonth = new RegExp(`^${Number(monthNumber)}/\\d{1,2}/${year!.slice(2)}$`);
    expect(dates.filter((date) => !inMonth.test(date))).toEqual([]);
    await page.goBack();

    // A click on a segment lists its customers, all of them, from either view.
    const segments = await api<SegmentsResponse>('/api/segments');
    const last = segments.segments.at(-1)!;
    const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await page
      .getByTestId('segment-link')
      .filter({ hasText: exactly(last.label) })
      .click();
    await page.waitForURL((url) => url.searchParams.get('segment') === last.label);
    // The URL changes before React renders the selection, so the title is waited for.
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="customers-title"]')?.textContent === want,
      `Customers of ${last.label}`,
    );
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="segment-customers"] tbody tr').length === n, last.size);
    const grid = segments.rfmSegments[0]!;
    await page
      .getByTestId('rfm-segment-link')
      .filter({ hasText: exactly(grid.name) })
      .click();
    await page.waitForURL((url) => url.searchParams.get('rfm') === grid.name);
    const listed = await api<CustomerListResponse>(`/api/customers?rfmSegment=${encodeURIComponent(grid.name)}&limit=500`);
    expect(listed.items).toHaveLength(grid.size);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="segment-customers"] tbody tr').length === n, grid.size);
    const names = await page.locator('[data-testid="segment-customers"] tbody tr td:first-child').allTextContents();
    expect(new Set(names)).toEqual(new Set(listed.items.map((c) => c.customerName)));
  });

  it('shows the monitoring dashboard with the live worker', async () => {
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="workers"]')?.textContent?.startsWith('1'));
    // Every queue with every state, the priority backlog included.
    for (const queue of ['ocr', 'segmentation', 'webhooks']) await page.getByTestId(`queue-${queue}`).waitFor();
    expect(await page.locator('[data-testid="queue-ocr"] td').count()).toBe(6);
    expect(await page.locator('[data-testid="queue-ocr"] td[data-state="prioritized"]').count()).toBe(1);
    expect(await page.locator('[data-testid="api-routes"] tbody tr').count()).toBeGreaterThan(3);
    await shot('monitoring');
  });

  it('switches to French, and fits a phone', async () => {
    await page.getByTestId('language').selectOption('fr');
    await page.getByRole('link', { name: 'Factures' }).click();
    await page.locator('[data-testid="invoice-table"] tbody tr').first().waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Factures');
    await titled('Factures · OCR de factures');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/invoices/${uploadedId}`);
    await page.locator('[data-testid="page-image"] svg').waitFor();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('invoice-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('language').selectOption('en');
  });

  it('hides the upload from a viewer, and sends an expired session back to login with a message', async () => {
    await api('/api/users', { method: 'POST', body: JSON.stringify({ username: 'vic', password: 'viewer-password', role: 'viewer' }) });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').fill('vic');
    await page.getByLabel('Password').fill('viewer-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'OCR demo' }).click();
    await page.getByText('Your role (viewer) cannot upload.').waitFor();
    expect(await page.getByTestId('dropzone').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Monitoring' }).count()).toBe(0);

    // A token the gateway no longer accepts (here: a wrong signature) answers 401 on the next call, and
    // without its session cookie the tab cannot refresh it.
    await page.context().clearCookies();
    await page.evaluate(() => {
      const [header, payload] = sessionStorage.getItem('invoice-ocr.token')!.split('.');
      sessionStorage.setItem('invoice-ocr.token', `${header}.${payload}.bad-signature`);
    });
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.getByTestId('expired').waitFor();
    expect(page.url()).toMatch(/\/login\?reason=expired$/);
  });

  it('serves the app for client routes and leaves the API 404s alone', async () => {
    const html = await fetch(`${base}/invoices/some-id`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const apiMiss = await fetch(`${base}/api/nothing-here`, { headers: { accept: 'text/html' } });
    expect(apiMiss.status).toBe(404);
  });
});
