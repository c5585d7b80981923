/// <reference lib="dom" />
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import type { InvoiceResponse, JobStatusResponse, UploadResponse } from '@invoice/contracts';
import { generateInvoice } from '@invoice/invoice-generator';
import {
  adminToken,
  gatewayJson,
  seedInvoice,
  startServiceStack,
  type GatewayJson,
  type ServiceStack,
  type TestDatabase,
} from '@invoice/testing';
import { launchChromium, SHOTS } from './browser.support.js';

/**
 * The review desk in a real browser (Debian's chromium through playwright-core) against the built
 * gateway and an OCR worker on a database of their own: reasons in words beside their fields with
 * each field's confidence (English and French), F8 to the next flagged field, line items corrected
 * from the keyboard in review and on the invoice page, reject and "not an invoice", undo of the latest
 * save, and an invoice opened in review from its page.
 */

describe('review desk in a browser (gateway, worker, Postgres, Redis)', () => {
  let stack: ServiceStack;
  let db: TestDatabase;
  let browser: Browser;
  let page: Page;
  let base: string;
  let token: string;
  let uploadedId: string;
  let org: string;
  const pageErrors: string[] = [];

  let api: GatewayJson;
  const formOf = (documentId: string) =>
    page.waitForFunction((id) => document.querySelector('[data-testid="review-form"]')?.getAttribute('data-document') === id, documentId);
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  beforeAll(async () => {
    stack = await startServiceStack('review_e2e', ['ocr-worker']);
    ({ db, base } = stack);
    token = await adminToken(base);
    api = gatewayJson(base, token);

    // A real invoice read by the worker: its fields carry OCR evidence (confidences, words).
    const { image } = await generateInvoice(4242, { language: 'en' });
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'invoice-4242.png');
    const upload = await api<UploadResponse>('/api/invoices', { method: 'POST', body: form });
    uploadedId = upload.jobs[0]!.documentId;
    for (let i = 0; i < 360; i++) {
      const job = await api<JobStatusResponse>(`/api/jobs/${upload.jobs[0]!.jobId}`);
      if (['done', 'needs_review', 'failed'].includes(job.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    [{ organization_id: org }] = await db.dataSource.query(`SELECT organization_id FROM documents WHERE id = $1`, [uploadedId]);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/demo$/);
  }, 300_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens a chosen invoice in review from its page, with its reasons in words beside their fields and each field’s confidence', async () => {
    const read = await api<InvoiceResponse>(`/api/invoices/${uploadedId}`);
    expect(read.invoice?.lineItems.length).toBeGreaterThan(0);
    // In review for a low total confidence, a missing email and a first line whose amount is off by one.
    await db.dataSource.query(`UPDATE documents SET status = 'needs_review' WHERE id = $1`, [uploadedId]);
    await db.dataSource.query(
      `UPDATE invoices SET issues = '["low_confidence:total","missing:customerEmail","line_amount_mismatch:1"]',
              field_evidence = jsonb_set(field_evidence, '{total,confidence}', '0.41') WHERE document_id = $1`,
      [uploadedId],
    );
    await db.dataSource.query(
      `UPDATE invoice_line_items SET amount = amount + 1 WHERE position = 0 AND invoice_id = (SELECT id FROM invoices WHERE document_id = $1)`,
      [uploadedId],
    );

    await page.goto(`${base}/invoices/${uploadedId}`);
    // The invoice page says the reasons in words too, beside their fields.
    await expect(page.locator('[data-field="total"] [data-testid="reasons"]').textContent()).resolves.toBe(
      'Read with low confidence: check it against the page.',
    );
    await expect(page.locator('[data-testid="issues"] [data-code="missing:customerEmail"]').textContent()).resolves.toContain(
      'Customer email is missing.',
    );
    await page.getByTestId('open-review').click();
    await page.waitForURL(new RegExp(`/review/${uploadedId}$`));
    await formOf(uploadedId);
    const total = page.getByTestId('review-field-total');
    await expect(total.getByTestId('reasons').textContent()).resolves.toBe('Read with low confidence: check it against the page.');
    await expect(total.getByTestId('confidence-total').textContent()).resolves.toBe('Confidence 41%');
    await expect(page.getByTestId('review-field-customerEmail').getByTestId('reasons').textContent()).resolves.toBe(
      'Customer email is missing.',
    );
    expect(await page.getByText('Line 1: quantity × unit price differs from its amount.').count()).toBe(1);
    // No code is shown as it is.
    expect(await page.getByText('low_confidence:total').count()).toBe(0);
    // Every field read with evidence shows its confidence.
    expect(await page.locator('[data-testid^="confidence-"]').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(SHOTS, 'review-reasons.png'), fullPage: true });

    // The French strings arrive in their own chunk: the switch takes effect when it is in.
    await page.getByTestId('language').selectOption('fr');
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await expect(total.getByTestId('reasons').textContent()).resolves.toBe('Lu avec une confiance faible : vérifiez-le sur la page.');
    await expect(total.getByTestId('confidence-total').textContent()).resolves.toMatch(/^Confiance 41\s?%$/);
    await page.getByTestId('language').selectOption('en');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  });

  it('jumps from flagged field to flagged field with F8, the line to correct included', async () => {
    await expect(focusedId()).resolves.toBe('r-invoiceNumber');
    const visited: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('F8');
      const id = await focusedId();
      if (visited.includes(id)) break;
      visited.push(id);
    }
    expect(visited).toEqual(expect.arrayContaining(['r-customerEmail', 'r-total', 'r-item-0-amount']));
    expect(visited.indexOf('r-customerEmail')).toBeLessThan(visited.indexOf('r-total'));
    for (const id of visited) await expect(page.locator(`#${id}`).getAttribute('data-flagged')).resolves.toBe('true');
    await page.keyboard.press('Shift+F8');
    await expect(focusedId()).resolves.toBe(visited.at(-1));
  });

  it('corrects the line items from the keyboard, checked as typed, saves, and undoes the save', async () => {
    const before = (await api<InvoiceResponse>(`/api/invoices/${uploadedId}`)).invoice!;
    const first = before.lineItems[0]!;
    await page.locator('#r-item-0-amount').focus();
    await page.getByTestId('item-0-check').waitFor();
    await expect(page.getByTestId('items-sum').getAttribute('data-ok')).resolves.toBe('false');
    // The amount as quantity x unit price: the line's check and the sum's clear as it is typed.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(first.amount - 1));
    await page.getByTestId('item-0-check').waitFor({ state: 'detached' });
    await expect(page.getByTestId('items-sum').getAttribute('data-ok')).resolves.toBe('true');
    // Alt+Enter adds a line below and moves there; a free delivery keeps the sum.
    await page.keyboard.press('Alt+Enter');
    await expect(focusedId()).resolves.toBe('r-item-1-description');
    await page.keyboard.type('Delivery (free)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    // Alt+↑ moves it first (the focus follows); a line added and removed leaves nothing behind.
    await page.keyboard.press('Alt+ArrowUp');
    await expect(focusedId()).resolves.toBe('r-item-0-amount');
    await page.keyboard.press('Alt+Enter');
    await page.keyboard.type('Mistake');
    await page.keyboard.press('Alt+Delete');
    const rows = page.getByTestId('line-item-row');
    await expect(rows.count()).resolves.toBe(before.lineItems.length + 1);
    await expect(page.getByTestId('item-0-description').inputValue()).resolves.toBe('Delivery (free)');
    await expect(page.getByTestId('items-sum').getAttribute('data-ok')).resolves.toBe('true');
    await page.getByLabel('Customer email').fill('billing@example.com');
    await page.getByLabel('Customer email').press('Enter');
    await page.getByText('Saved. Next invoice.').waitFor();

    const saved = await api<InvoiceResponse>(`/api/invoices/${uploadedId}`);
    expect(saved.status).toBe('done');
    expect(saved.invoice!.lineItems).toEqual([
      { description: 'Delivery (free)', quantity: 1, unitPrice: 0, amount: 0 },
      { ...first, amount: first.amount - 1 },
      ...before.lineItems.slice(1),
    ]);
    const record = saved.invoice!.corrections.at(-1)!;
    expect(Object.keys(record.changes).sort()).toEqual(['customerEmail', 'lineItems', 'status']);

    // Undo: the invoice is back as it was, in review, on screen again.
    await page.getByTestId('review-undo').click();
    await page.getByText('Undone: the invoice is as it was before the save.').waitFor();
    await formOf(uploadedId);
    await expect(page.getByTestId('item-0-amount').inputValue()).resolves.toBe(String(first.amount));
    const undone = await api<InvoiceResponse>(`/api/invoices/${uploadedId}`);
    expect(undone.status).toBe('needs_review');
    expect(undone.invoice!.lineItems).toEqual(before.lineItems);
    expect(undone.invoice!.customerEmail).toBe(before.customerEmail);
    expect(undone.invoice!.corrections.at(-1)!.undoOf).toBe(record.id);
  });

  it('rejects one invoice and marks another as not an invoice: recorded, out of the queue', async () => {
    const wrong = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'name:wrong',
      customerName: 'Wrong Ltd',
      issueDate: '2024-02-01',
      total: 10,
      status: 'needs_review',
    });
    const letter = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'name:letter',
      customerName: 'Letter Ltd',
      issueDate: '2024-02-02',
      total: 20,
      status: 'needs_review',
    });
    await db.dataSource.query(`UPDATE documents SET created_at = now() - interval '2 hours' WHERE id = $1`, [wrong]);
    await db.dataSource.query(`UPDATE documents SET created_at = now() - interval '1 hour' WHERE id = $1`, [letter]);
    await db.dataSource.query(
      `UPDATE invoices SET invoice_number = 'N-' || left(document_id::text, 8), issues = '["missing:lineItems"]' WHERE document_id = ANY($1)`,
      [[wrong, letter]],
    );

    await page.getByRole('link', { name: 'Review' }).click();
    await formOf(wrong);
    await page.getByTestId('review-reject-reason').fill('Duplicate of N-1');
    await page.getByTestId('review-reject').click();
    await page.getByText('Rejected. Next invoice.').waitFor();
    await formOf(letter);
    await page.getByTestId('review-not-invoice').click();
    await page.getByText('Marked as not an invoice. Next invoice.').waitFor();
    await formOf(uploadedId);

    const rejected = await api<InvoiceResponse>(`/api/invoices/${wrong}`);
    expect(rejected).toMatchObject({
      status: 'rejected',
      invoice: { reviewRejection: { outcome: 'rejected', reason: 'Duplicate of N-1', username: 'admin' } },
    });
    const notInvoice = await api<InvoiceResponse>(`/api/invoices/${letter}`);
    expect(notInvoice).toMatchObject({ status: 'rejected', invoice: { reviewRejection: { outcome: 'not_invoice', reason: null } } });
    expect(notInvoice.invoice!.corrections.at(-1)!.changes.status).toEqual({ from: 'needs_review', to: 'rejected' });

    // The invoice page says so, with the outcome in words.
    await page.goto(`${base}/invoices/${letter}`);
    await expect(page.getByTestId('rejection').textContent()).resolves.toMatch(/Rejected by admin on .*: Not an invoice$/);
  });

  it('corrects the line items on the invoice page, audited like any correction', async () => {
    const before = (await api<InvoiceResponse>(`/api/invoices/${uploadedId}`)).invoice!;
    await page.goto(`${base}/invoices/${uploadedId}`);
    await page.getByTestId('items-edit').click();
    await page.getByTestId('item-0-check').waitFor();
    const amount = page.getByTestId('item-0-amount');
    await amount.fill(String(before.lineItems[0]!.amount - 1));
    await page.getByTestId('item-0-check').waitFor({ state: 'detached' });
    await amount.press('Enter');
    await page.getByText('Line items saved.').waitFor();
    const after = await api<InvoiceResponse>(`/api/invoices/${uploadedId}`);
    expect(after.invoice!.lineItems[0]?.amount).toBe(before.lineItems[0]!.amount - 1);
    expect(after.invoice!.corrections.at(-1)!.changes.lineItems).toEqual({ from: before.lineItems, to: after.invoice!.lineItems });
    await page.locator('[data-testid="history"] li').first().waitFor();
  });
});
