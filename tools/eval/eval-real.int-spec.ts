/**
 * The evaluation on the real invoices of ../shared/datasets (or EVAL_EINVOICE_DIR / EVAL_INVOICES_DIR): one
 * einvoice-dev PDF and one invoices-dev document in text mode, through the product's document path. The
 * expected outcomes are recomputed here from the label files with plain comparisons, not with the scoring code
 * under test. Skipped, with a message, when the folders are missing.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PDF_TEXT_ENGINE } from '@invoice/ocr';
import { compareReports } from './compare.js';
import { rescoreReport, runEvaluation, type EvaluationReport } from './evaluate.js';

const EINVOICE = resolve(process.cwd(), process.env.EVAL_EINVOICE_DIR ?? '../shared/datasets/einvoice-dev');
const INVOICES = resolve(process.cwd(), process.env.EVAL_INVOICES_DIR ?? '../shared/datasets/invoices-dev');
const AMOUNTS = ['subtotal', 'taxAmount', 'total'] as const;
const cents = (v: unknown) => (typeof v === 'number' ? Math.round(Math.abs(v) * 100) : null);

const einvoice = existsSync(EINVOICE) ? describe : describe.skip;
if (!existsSync(EINVOICE)) console.warn(`einvoice part skipped: ${EINVOICE} is missing (see the datasets README)`);

einvoice('evaluation on an einvoice-dev PDF (text mode)', () => {
  let report: EvaluationReport;
  let label: { labelsPrinted: Record<string, unknown>; meta: { producer: string } };

  beforeAll(async () => {
    report = await runEvaluation({ dataset: EINVOICE, limit: 1, mode: 'text' });
    label = JSON.parse(await readFile(join(EINVOICE, `${report.documents[0]!.id}.json`), 'utf8')) as typeof label;
  }, 180_000);

  it('reads the PDF text layer, scores the printed label fields and reports per producer', () => {
    const [doc] = report.documents;
    expect(report.format).toBe('einvoice');
    expect(report.mode).toBe('text');
    expect(doc!.pages!.length).toBeGreaterThan(0);
    expect(doc!.pages!.every((p) => p.engineVersion === PDF_TEXT_ENGINE && p.words.length > 20)).toBe(true);
    const printed = Object.entries(label.labelsPrinted)
      .filter(([, v]) => v !== null)
      .map(([k]) => k);
    expect(doc!.fields.map((f) => f.field).sort()).toEqual(printed.sort());
    for (const field of AMOUNTS) {
      const score = doc!.fields.find((f) => f.field === field);
      if (!score) continue;
      const right = cents(label.labelsPrinted[field]) === cents((doc!.extracted as unknown as Record<string, unknown>)[field]);
      expect([field, score.outcome]).toEqual([field, right ? 'correct' : 'wrong']);
    }
    // The VAT id is compared as an identifier: case, blanks and punctuation aside.
    const vatId = (v: unknown): string =>
      String(v ?? '')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '');
    const extractedVat = (doc!.extracted as unknown as Record<string, unknown>).vendorVatId;
    const vatOutcome =
      label.labelsPrinted.vendorVatId === null
        ? undefined
        : extractedVat == null
          ? 'wrong'
          : vatId(extractedVat) === vatId(label.labelsPrinted.vendorVatId)
            ? 'correct'
            : 'wrong';
    expect(doc!.fields.find((f) => f.field === 'vendorVatId')?.outcome).toBe(vatOutcome);
    expect(report.groups?.map((g) => [g.by, g.groups.map((x) => x.group)])).toEqual([
      ['producer', [label.meta.producer]],
      ['layout', [expect.any(String)]],
    ]);
    expect(report.skipped.some((s) => s.reason.includes('visualGroup'))).toBe(true);
  });

  it('re-scores from the saved report (JSON round trip) to the same figures, with no field changed', () => {
    const saved = JSON.parse(JSON.stringify(report)) as EvaluationReport;
    const again = rescoreReport(saved, report.summary.threshold);
    expect(again.summary.fields).toEqual(report.summary.fields);
    expect(again.summary.pages).toBe(report.summary.pages);
    expect(compareReports(saved.documents, again.documents).changes).toEqual([]);
  });

  it('with --einvoice reads the same PDF with its embedded XML: every printed field right, from the e-invoice', async () => {
    const withXml = await runEvaluation({ dataset: EINVOICE, limit: 1, mode: 'text', einvoice: true });
    const [doc] = withXml.documents;
    expect(withXml.einvoice).toBe(true);
    expect(doc!.id).toBe(report.documents[0]!.id);
    expect(doc!.fields.length).toBe(report.documents[0]!.fields.length);
    expect(doc!.fields.filter((f) => f.outcome !== 'correct')).toEqual([]);
    expect(doc!.extracted?.fieldEvidence.total?.source).toBe('einvoice');
    expect(doc!.extracted?.einvoice?.attachment).toMatch(/\.xml$/);
    expect(() => rescoreReport(withXml)).toThrow(/--einvoice/);
  }, 180_000);
});

const invoices = existsSync(INVOICES) ? describe : describe.skip;
if (!existsSync(INVOICES)) console.warn(`invoices-dev part skipped: ${INVOICES} is missing (see the datasets README)`);

invoices('evaluation on an invoices-dev document (text mode)', () => {
  it('scores every label field, null labels included, and groups by issuer', async () => {
    const report = await runEvaluation({ dataset: INVOICES, limit: 1, mode: 'text' });
    const [doc] = report.documents;
    const label = JSON.parse(await readFile(join(INVOICES, `${doc!.id}.json`), 'utf8')) as Record<string, unknown>;
    const manifest = (await readFile(join(INVOICES, 'manifest.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; issuer: string });
    expect(report.format).toBe('invoices');
    expect(doc!.error).toBeNull();
    expect(doc!.fields.map((f) => f.field)).toEqual([
      'invoiceNumber',
      'issueDate',
      'dueDate',
      'currency',
      'vendorName',
      'customerName',
      'subtotal',
      'taxAmount',
      'total',
      'amountDue',
      'lineItems',
    ]);
    const x = doc!.extracted as unknown as Record<string, unknown>;
    for (const field of AMOUNTS) {
      const right = label[field] === null ? x[field] === null : cents(label[field]) === cents(x[field]);
      expect([field, doc!.fields.find((f) => f.field === field)!.outcome]).toEqual([field, right ? 'correct' : 'wrong']);
    }
    expect(doc!.group).toBe(manifest.find((m) => m.id === doc!.id)!.issuer);
    expect(report.groups?.[0]?.by).toBe('issuer');
  }, 180_000);
});
