/**
 * The evaluation on real OCR: 3 generated invoices written to a temp folder (image + ground truth, as the
 * generator's CLI writes them) and 2 SROIE receipts from ../shared/datasets/sroie-dev when that folder exists.
 * The generated invoices' expected scores are recomputed here from the ground truth files and the extraction
 * the report carries, with plain comparisons, not with the scoring code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateInvoice, type GenerateInvoiceOptions, type InvoiceGroundTruth } from '@invoice/invoice-generator';
import type { ExtractedInvoice } from '@invoice/contracts';
import { runEvaluation, type EvaluationReport } from './evaluate.js';

const CASES: { seed: number; options: GenerateInvoiceOptions }[] = [
  { seed: 1, options: { language: 'en', format: 'jpeg' } },
  { seed: 12, options: { language: 'fr', withEmail: true, format: 'png' } },
  { seed: 15, options: { language: 'en', withEmail: true, format: 'png' } },
];
const SROIE = resolve(process.cwd(), process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev');
const FIELDS = ['invoiceNumber', 'issueDate', 'issueTime', 'customerName', 'customerEmail', 'customerAddressLine1', 'customerAddressLine2', 'total', 'lineItems'] as const;

const text = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ' ').trim().toUpperCase());

/** Is one field of the extraction the ground truth's? Plain comparisons, independent of score.ts. */
function right(field: (typeof FIELDS)[number], truth: InvoiceGroundTruth, x: ExtractedInvoice): boolean {
  switch (field) {
    case 'total':
      return x.total !== null && Math.abs(x.total - truth.total) < 0.005;
    case 'lineItems':
      return JSON.stringify(truth.lineItems.map((i) => ({ ...i, description: text(i.description) }))) === JSON.stringify(x.lineItems.map((i) => ({ ...i, description: text(i.description) })));
    case 'customerEmail':
      return (truth.customerEmail?.toLowerCase() ?? null) === (x.customerEmail?.toLowerCase() ?? null);
    case 'issueDate':
    case 'issueTime':
      return truth[field] === x[field];
    default:
      return text(truth[field]) === text(x[field]);
  }
}

describe('evaluation on generated invoices', () => {
  let dir: string;
  let report: EvaluationReport;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-generated-'));
    for (const { seed, options } of CASES) {
      const { truth, image } = await generateInvoice(seed, options);
      const name = `invoice_${String(seed).padStart(6, '0')}`;
      await writeFile(join(dir, `${name}.${options.format === 'jpeg' ? 'jpg' : 'png'}`), image);
      await writeFile(join(dir, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
    }
    report = await runEvaluation({ dataset: dir });
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports the shape promised', () => {
    const s = report.summary;
    expect(report.format).toBe('generated');
    expect(s.documents).toBe(3);
    expect(s.failed).toBe(0);
    expect(s.concurrency).toBe(2);
    expect(s.pagesPerSecond).toBeGreaterThan(0);
    expect(s.pagesPerSecond).toBeCloseTo(3 / s.wallSeconds, 6);
    expect(s.fields.map((f) => f.field)).toEqual([...FIELDS]);
    expect(s.cer).toBeNull();
    expect(s.labelInOcrText).toBeNull();
    expect(report.documents.map((d) => d.id)).toEqual(['invoice_000001', 'invoice_000012', 'invoice_000015']);
  });

  it('scores each invoice as its ground truth says', async () => {
    const truths = await Promise.all(report.documents.map(async (d) => JSON.parse(await readFile(join(dir, `${d.id}.json`), 'utf8')) as InvoiceGroundTruth));
    const rights = report.documents.map((d, i) => FIELDS.map((f) => right(f, truths[i]!, d.extracted!)));
    for (const [j, field] of FIELDS.entries()) {
      const count = rights.filter((r) => r[j]).length;
      expect(report.summary.fields[j]).toMatchObject({ field, count, of: 3, share: count / 3 });
    }
    const allRight = rights.map((r) => r.every(Boolean));
    const done = report.documents.map((d) => d.extracted!.issues.length === 0);
    expect(report.summary.allFieldsCorrect.count).toBe(allRight.filter(Boolean).length);
    expect(report.summary.done.count).toBe(done.filter(Boolean).length);
    expect(report.summary.review.count).toBe(3 - done.filter(Boolean).length);
    expect(report.summary.doneButWrong.documents).toEqual(report.documents.filter((_, i) => done[i] && !allRight[i]).map((d) => d.id));
  });
});

const sroie = existsSync(SROIE) ? describe : describe.skip;
if (!existsSync(SROIE)) console.warn(`SROIE part skipped: ${SROIE} is missing (see the datasets README)`);

sroie('evaluation on SROIE receipts', () => {
  let report: EvaluationReport;

  beforeAll(async () => {
    report = await runEvaluation({ dataset: SROIE, limit: 2 });
  }, 180_000);

  it('compares date and total, reports company and address as not extracted, measures CER and label presence', () => {
    const s = report.summary;
    expect(report.format).toBe('sroie');
    expect(s.documents).toBe(2);
    expect(s.fields.map((f) => [f.field, f.status])).toEqual([
      ['company', 'not extracted'],
      ['date', 'compared'],
      ['address', 'not extracted'],
      ['total', 'compared'],
    ]);
    for (const f of s.fields) {
      expect(f.of + f.labelUnusable).toBe(2);
      if (f.status === 'not extracted') expect(f.count).toBe(0);
    }
    expect(s.cer).not.toBeNull();
    expect(s.cer!.documents).toBe(2);
    expect(s.cer!.chars).toBeGreaterThan(0);
    for (const cer of [s.cer!.cerLine, s.cer!.cerWindow]) {
      expect(cer).toBeGreaterThanOrEqual(0);
      expect(cer).toBeLessThanOrEqual(1);
    }
    expect(s.cer!.cerWindow).toBeLessThanOrEqual(s.cer!.cerLine);
    expect(s.labelInOcrText!.company.of).toBe(2);
    expect(s.labelInOcrText!.address.of).toBe(2);
    expect(s.review.count + s.done.count + s.failed).toBe(2);
    for (const d of report.documents) expect(d.fields.find((f) => f.field === 'date')!.expected).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
