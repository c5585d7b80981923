/**
 * The evaluation on real OCR: 3 generated invoices written to a temp folder (image + ground truth, as the
 * generator's CLI writes them) and 2 SROIE receipts from ../shared/datasets/sroie-dev when that folder exists.
 * The generated invoices' expected scores are recomputed here from the ground truth files and the extraction
 * the report carries, with plain comparisons, not with the scoring code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateInvoice, type GenerateInvoiceOptions, type InvoiceGroundTruth } from '@invoice/invoice-generator';
import type { ExtractedInvoice } from '@invoice/contracts';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import { reviewThresholdsFor } from '@invoice/extraction';
import { runEvaluation, writeGeneratedSet, type EvaluationReport } from './evaluate.js';
import { GENERATED_FIELDS } from './score.js';

const CASES: { seed: number; options: GenerateInvoiceOptions }[] = [
  { seed: 1, options: { language: 'en', format: 'jpeg' } },
  { seed: 12, options: { language: 'fr', withEmail: true, format: 'png' } },
  { seed: 15, options: { language: 'en', withEmail: true, format: 'png' } },
  { seed: 3, options: { language: 'fr', withEmail: true, format: 'png', layout: 'compact', withTax: true } },
];
const SROIE = resolve(process.cwd(), process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev');
const FIELDS = GENERATED_FIELDS;
/** Fields the classic layout's truth does not have (not scored there). */
const LAYOUT_FIELDS = new Set(['currency', 'dueDate', 'vendorName', 'vendorAddress', 'subtotal', 'taxAmount', 'taxRate']);
const compact = (s: string | null | undefined) => (s == null ? null : s.toUpperCase().replace(/[^\p{L}\p{N}&]/gu, ''));

const text = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ' ').trim().toUpperCase());

/** Is one field of the extraction the ground truth's? Plain comparisons, independent of score.ts. */
function right(field: (typeof FIELDS)[number], truth: InvoiceGroundTruth, x: ExtractedInvoice): boolean {
  switch (field) {
    case 'total':
      return x.total !== null && Math.abs(x.total - truth.total) < 0.005;
    case 'subtotal':
    case 'taxAmount':
    case 'taxRate':
      return truth[field] === null
        ? x[field] === null
        : x[field] !== null && Math.abs((x[field] as number) - (truth[field] as number)) < 0.005;
    case 'vendorName':
    case 'vendorAddress':
      return compact(truth[field]) === compact(x[field]);
    case 'currency':
    case 'dueDate':
      return truth[field] === x[field];
    case 'lineItems':
      return (
        JSON.stringify(truth.lineItems.map((i) => ({ ...i, description: text(i.description) }))) ===
        JSON.stringify(x.lineItems.map((i) => ({ ...i, description: text(i.description) })))
      );
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
    expect(s.documents).toBe(4);
    expect(s.failed).toBe(0);
    expect(s.concurrency).toBe(2);
    expect(s.pagesPerSecond).toBeGreaterThan(0);
    expect(s.pagesPerSecond).toBeCloseTo(4 / s.wallSeconds, 6);
    expect(s.fields.map((f) => f.field)).toEqual([...FIELDS]);
    expect(s.cer).toBeNull();
    expect(s.labelInOcrText).toBeNull();
    expect(report.documents.map((d) => d.id)).toEqual(['invoice_000001', 'invoice_000003', 'invoice_000012', 'invoice_000015']);
    // Every scored field with evidence lands in one calibration band.
    const withConfidence = report.documents.flatMap((d) => d.fields).filter((f) => typeof f.confidence === 'number').length;
    expect(s.calibration.reduce((a, b) => a + b.count, 0)).toBe(withConfidence);
    expect(withConfidence).toBeGreaterThan(30);
  });

  it('scores each invoice as its ground truth says', async () => {
    const truths = await Promise.all(
      report.documents.map(async (d) => JSON.parse(await readFile(join(dir, `${d.id}.json`), 'utf8')) as InvoiceGroundTruth),
    );
    const scored = (f: string, t: InvoiceGroundTruth) =>
      !LAYOUT_FIELDS.has(f) || (t as unknown as Record<string, unknown>)[f] !== undefined;
    const rights = report.documents.map((d, i) => FIELDS.map((f) => (scored(f, truths[i]!) ? right(f, truths[i]!, d.extracted!) : null)));
    for (const [j, field] of FIELDS.entries()) {
      const counted = rights.filter((r) => r[j] !== null);
      const count = counted.filter((r) => r[j]).length;
      expect(report.summary.fields[j]).toMatchObject({ field, count, of: counted.length });
    }
    const allRight = rights.map((r) => r.every((v) => v !== false));
    // Done: no issue (corrections are notes) and every field with evidence at or above its threshold.
    const done = report.documents.map((d) => {
      const t = reviewThresholdsFor(d.extracted!.documentType, DEFAULT_REVIEW_THRESHOLD, {
        override: report.summary.threshold ?? undefined,
      });
      return (
        d.extracted!.issues.every((i) => i.startsWith('corrected:')) &&
        Object.entries(d.extracted!.fieldEvidence).every(([f, e]) => e.confidence >= (t.fields[f] ?? t.other)) &&
        (d.extracted!.lineItemsEvidence?.confidence ?? 1) >= (t.fields['lineItems'] ?? t.other)
      );
    });
    expect(report.summary.allFieldsCorrect.count).toBe(allRight.filter(Boolean).length);
    expect(report.summary.done.count).toBe(done.filter(Boolean).length);
    expect(report.summary.review.count).toBe(4 - done.filter(Boolean).length);
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

  it('compares company, date, address and total, measures CER and label presence', () => {
    const s = report.summary;
    expect(report.format).toBe('sroie');
    expect(s.documents).toBe(2);
    expect(s.fields.map((f) => [f.field, f.status])).toEqual([
      ['company', 'compared'],
      ['date', 'compared'],
      ['address', 'compared'],
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

  it('scores the extraction on the transcripts as OCR (the oracle diagnostic, no OCR run)', async () => {
    const oracle = await runEvaluation({ dataset: SROIE, limit: 2, engine: 'transcript' });
    expect(oracle.engine).toBe('transcript');
    expect(oracle.summary.failed).toBe(0);
    // The transcripts are the text: nothing is lost against themselves.
    expect(oracle.summary.cer!.cerWindow).toBe(0);
    expect(oracle.summary.labelInOcrText!.company.count).toBe(2);
    for (const d of oracle.documents) expect(d.page!.words.length).toBeGreaterThan(20);
  });
});

const hasTesseractCli = spawnSync('tesseract', ['--version']).status === 0;
const cli = hasTesseractCli ? describe : describe.skip;
if (!hasTesseractCli) console.warn('tesseract CLI part skipped: no `tesseract` on PATH (apt-get install tesseract-ocr tesseract-ocr-fra)');

cli('evaluation with the plain tesseract CLI (comparison engine)', () => {
  it('feeds its TSV words to the same extraction', async () => {
    const dir = await writeGeneratedSet(1, 15);
    try {
      const report = await runEvaluation({ dataset: dir, engine: 'tesseract-cli', concurrency: 1 });
      expect(report.engine).toBe('tesseract-cli');
      expect(report.summary.failed).toBe(0);
      const x = report.documents[0]!.extracted!;
      // No QR decoding on this path: the number and date come from the text alone.
      expect(x.fieldEvidence.invoiceNumber?.source ?? 'ocr').toBe('ocr');
      expect(x.lineItems.length).toBeGreaterThan(0);
      expect(report.summary.fields.find((f) => f.field === 'total')!.of).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
