/**
 * npm run bench:extraction [-- REPORT.json ...] [--runs 3]
 *
 * How long the extraction takes per page on real readings, without OCR: the OCR words saved by
 * `npm run eval -- --dataset … --json FILE` (default: the e-invoice and invoices-dev scans and the SROIE
 * development receipts under /work/cache/readings) are read again by `extractInvoice` (the scorer, line
 * items, checks, confidences: what the worker runs after OCR), each document once to warm up and then `runs`
 * times. Printed: median, p95 and slowest milliseconds per page (issue #13's target: p95 at most 50 ms), and
 * the same for the rule reader alone (`extractByRules`), the reference measured in the same run, with the
 * ratio of the two p95s.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { OcrPageResult } from '@invoice/contracts';
import { extractByRules, extractInvoice } from '@invoice/extraction';
import { intOption, median, percentile, printTable, round } from './bench.support.js';

const DEFAULTS = ['einvoice-scan', 'invoices-dev-scan', 'sroie-dev-ppocr'].map((f) => `/work/cache/readings/${f}.json`);
const runs = intOption('runs', 3);
const files = process.argv.slice(2).filter((a) => a.endsWith('.json'));

/** Every document's pages of the saved eval reports. */
function readings(paths: readonly string[]): OcrPageResult[][] {
  return paths.flatMap((path) => {
    const report = JSON.parse(readFileSync(path, 'utf8')) as { documents: { page?: OcrPageResult; pages?: OcrPageResult[] }[] };
    return report.documents.map((d) => d.pages ?? (d.page ? [d.page] : [])).filter((pages) => pages.length > 0);
  });
}

/** Milliseconds per page of `read` on each document: one warm-up, then the mean of `runs`. */
function perPage(docs: readonly OcrPageResult[][], read: (pages: OcrPageResult[]) => unknown): number[] {
  return docs.map((pages) => {
    read(pages);
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) read(pages);
    return (performance.now() - t0) / runs / pages.length;
  });
}

/** The p95 of per-page times. */
const p95 = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.95,
  );

function main(): void {
  const paths = files.length > 0 ? files : DEFAULTS.filter((p) => existsSync(p));
  if (paths.length === 0) {
    console.error('bench:extraction: no readings; run npm run eval -- --dataset DIR --json FILE first and pass FILE');
    process.exitCode = 1;
    return;
  }
  const docs = readings(paths);
  console.log(`${docs.length} documents, ${docs.reduce((n, p) => n + p.length, 0)} pages from ${paths.join(', ')}; ${runs} runs each`);
  const product = perPage(docs, (pages) => extractInvoice(pages));
  const rules = perPage(docs, (pages) => extractByRules(pages));
  const row = (name: string, ms: readonly number[]) => ({
    reader: name,
    'median ms/page': round(median(ms), 1),
    'p95 ms/page': round(p95(ms), 1),
    'slowest ms/page': round(Math.max(...ms), 1),
  });
  printTable([row('extractInvoice (product)', product), row('extractByRules (reference)', rules)]);
  console.log(`\nratio p95 product / reference: ${round(p95(product) / p95(rules), 2)} (goal: product p95 <= 50 ms)`);
}

main();
