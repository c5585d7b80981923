import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InvoiceResponse, JobStatusResponse, UploadResponse } from '@invoice/contracts';
import { generateInvoiceData, renderVendorLayoutInvoice, VENDOR_LAYOUTS } from '@invoice/invoice-generator';
import { adminToken, startServiceStack, type ServiceStack } from '@invoice/testing';

/**
 * Learning from corrections through the running system: the built gateway and OCR worker as processes,
 * driven over HTTP. An invoice of a layout the extraction does not know is uploaded and read in part; a
 * person corrects it (PATCH); the next invoice of that layout comes out right.
 */
describe('learned vendor templates end to end (processes, real Postgres, Redis and tesseract.js)', () => {
  let stack: ServiceStack;
  let token = '';

  beforeAll(async () => {
    stack = await startServiceStack('e2e_templates', ['ocr-worker']);
    token = await adminToken(stack.base);
  });

  afterAll(() => stack?.close());

  function api(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(`${stack.base}${path}`, { ...init, headers });
  }

  async function read(seed: number) {
    const truth = generateInvoiceData(seed, { language: 'en' });
    const form = new FormData();
    form.append(
      'files',
      new Blob([new Uint8Array(await renderVendorLayoutInvoice(truth, VENDOR_LAYOUTS.columns, seed))], { type: 'image/png' }),
      `n${seed}.png`,
    );
    const upload = (await (await api('/api/invoices', { method: 'POST', body: form })).json()) as UploadResponse;
    const { jobId, documentId } = upload.jobs[0]!;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = (await (await api(`/api/jobs/${jobId}`)).json()) as JobStatusResponse;
      if (['done', 'needs_review', 'failed'].includes(status.status)) break;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${status.status}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const invoice = (await (await api(`/api/invoices/${documentId}`)).json()) as InvoiceResponse;
    return { truth, documentId, invoice };
  }

  it('a correction of one invoice fixes the next invoice of the same layout', async () => {
    const first = await read(5000);
    expect(first.invoice.status).toBe('needs_review');
    // The learned scorer reads this layout's number, customer and total; its issue date (a shipping date is printed first) needs a person.
    expect(first.invoice.invoice).toMatchObject({ customerName: first.truth.customerName, total: first.truth.total });
    expect(first.invoice.invoice?.invoiceNumber?.replace(/[\s_]+/g, '_')).toBe(first.truth.invoiceNumber);
    expect(first.invoice.invoice?.issueDate).not.toBe(first.truth.issueDate);

    const patch = await api(`/api/invoices/${first.documentId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        invoiceNumber: first.truth.invoiceNumber,
        issueDate: first.truth.issueDate,
        customerName: first.truth.customerName,
        total: first.truth.total,
      }),
    });
    expect(patch.status).toBe(200);

    const second = await read(5001);
    expect(second.invoice.invoice).toMatchObject({ customerName: second.truth.customerName, total: second.truth.total });
    expect(second.invoice.invoice?.invoiceNumber?.replace(/[\s_]+/g, '_')).toBe(second.truth.invoiceNumber);
    // One example: the date it disagrees on goes to review (values learned from one example, unconfirmed by a check, stay under the threshold).
    const issues = second.invoice.invoice?.issues ?? [];
    expect(issues).toContain('template_mismatch:issueDate');
    for (const issue of issues.filter((i) => i !== 'template_mismatch:issueDate')) expect(issue).toMatch(/^low_confidence:/);
    const [row] = await stack.db.dataSource.query(`SELECT vendor_key, template_fields FROM invoices WHERE document_id = $1`, [
      second.documentId,
    ]);
    // The correction's template is found for the second invoice; where it reads what the scorer reads from the same OCR
    // words, that is one reading, not two: the fields stay the scorer's (an OCR slip in those words would be in both).
    expect(row.vendor_key).not.toBeNull();
    expect(row.template_fields).not.toContain('customerName');
    expect(row.template_fields).not.toContain('issueDate');
  });
});
