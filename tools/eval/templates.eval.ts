/**
 * npm run eval:templates -- [--count N] [--ks 1,2,3,5] [--test-from 6] [--seed S] [--json FILE]
 *
 * Do corrections to a few invoices of one layout raise the accuracy on the rest of that layout?
 * For each vendor layout of @invoice/invoice-generator's VENDOR_LAYOUTS (labels the generic extraction
 * does not know, no QR code), and for the product's own layout (read right without templates: learning
 * must not hurt it, nor its pages match another layout's template), N invoices are rendered and read with the real OCR engine (tesseract.js,
 * fra+eng, as the worker). Invoices `test-from`..N are the test set. Per k: the ground truth of invoices
 * 1..k of every layout is given as corrections, in upload order, to one organization's template store
 * that works as the gateway's (a page joins the template it matches, else starts a new one); then each
 * test invoice is read as the worker does (extractInvoice, the matching template applied and merged) and
 * compared with its ground truth, and decided as the worker decides with its defaults (review thresholds; a
 * layout no template matched goes to review). k = 0 is the extraction without templates.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import {
  applyTemplate,
  extractInvoice,
  learnFromPage,
  matchTemplate,
  mergeTemplateValues,
  reviewReasons,
  reviewThresholdsFor,
  vendorKey,
  type VendorTemplate,
} from '@invoice/extraction';
import {
  generateInvoice,
  generateInvoiceData,
  renderVendorLayoutInvoice,
  VENDOR_LAYOUTS,
  type InvoiceGroundTruth,
} from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import { normalizeDate, normalizeText, sameAmount } from './normalize.js';

const FIELDS = ['invoiceNumber', 'issueDate', 'customerName', 'customerAddressLine1', 'customerAddressLine2', 'total'] as const;
type Field = (typeof FIELDS)[number];

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    ks: { type: 'string' },
    'test-from': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'string' },
  },
});
const count = Number(values.count ?? 15);
const ks = (values.ks ?? '1,2,3,5').split(',').map(Number);
const testFrom = Number(values['test-from'] ?? 6);
const baseSeed = Number(values.seed ?? 5000);
if (!(count >= testFrom) || ks.some((k) => !(k >= 1 && k < testFrom))) {
  console.error(`need --count >= --test-from (${testFrom}) and every k in 1..${testFrom - 1}`);
  process.exit(2);
}

/** The two vendor layouts the extraction does not know, and the product's own layout (already read right: templates must not hurt it). */
const LAYOUTS: { name: string; render: (seed: number) => Promise<{ truth: InvoiceGroundTruth; image: Buffer }> }[] = [
  ...Object.values(VENDOR_LAYOUTS).map((layout) => ({
    name: layout.name,
    render: async (seed: number) => {
      const truth = generateInvoiceData(seed, { language: 'en' });
      return { truth, image: await renderVendorLayoutInvoice(truth, layout, seed) };
    },
  })),
  { name: 'original', render: (seed: number) => generateInvoice(seed, { language: 'en' }) },
];

interface Sample {
  layout: string;
  index: number;
  truth: InvoiceGroundTruth;
  page: OcrPageResult;
}

function right(field: Field, truth: InvoiceGroundTruth, x: ExtractedInvoice): boolean {
  if (field === 'total') return sameAmount(truth.total, x.total);
  if (field === 'issueDate') return normalizeDate(truth.issueDate) === normalizeDate(x.issueDate);
  // Identifiers: tesseract may read an underscore as a blank; the extraction joins the parts with "_".
  if (field === 'invoiceNumber')
    return normalizeText(truth.invoiceNumber)?.replace(/[\s_]+/g, '_') === normalizeText(x.invoiceNumber)?.replace(/[\s_]+/g, '_');
  return normalizeText(truth[field]) === normalizeText(x[field]);
}

const corrections = (truth: InvoiceGroundTruth): Record<Field, unknown> => ({
  invoiceNumber: truth.invoiceNumber,
  issueDate: truth.issueDate,
  customerName: truth.customerName,
  customerAddressLine1: truth.customerAddressLine1,
  customerAddressLine2: truth.customerAddressLine2,
  total: truth.total,
});

async function main(): Promise<void> {
  const layouts = LAYOUTS;
  const engine = await OcrEngine.create({ concurrency: 2 });
  const started = performance.now();
  const samples: Sample[] = [];
  try {
    const jobs = layouts.flatMap((layout, l) =>
      Array.from({ length: count }, async (_, index) => {
        const seed = baseSeed + 1000 * l + index;
        const { truth, image } = await layout.render(seed);
        const page = await engine.recognize(image);
        process.stderr.write('.');
        samples.push({ layout: layout.name, index: index + 1, truth, page });
      }),
    );
    await Promise.all(jobs);
  } finally {
    await engine.terminate();
  }
  process.stderr.write(`\n${samples.length} pages read in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  samples.sort((a, b) => a.index - b.index || a.layout.localeCompare(b.layout));

  const rows: {
    layout: string;
    k: number;
    accuracy: Record<Field, number>;
    allRight: number;
    done: number;
    doneButWrong: number;
    /** The same with REVIEW_NEW_LAYOUTS off: a page no template matched decided by its confidences alone. */
    confidenceDone: number;
    confidenceDoneButWrong: number;
    matched: number;
    tested: number;
    templates: number;
  }[] = [];
  for (const k of [0, ...ks]) {
    // The organization's template store, fed with the corrections of invoices 1..k of each layout in upload order.
    const store: { vendorKey: string; template: VendorTemplate }[] = [];
    for (const sample of samples.filter((s) => s.index <= k)) {
      const found = matchTemplate(store, sample.page.words)?.match;
      const { template, learned } = learnFromPage(sample.page.words, corrections(sample.truth), found?.template ?? null);
      if (learned.length === 0) continue;
      if (found) found.template = template;
      else store.push({ vendorKey: vendorKey(sample.page.words), template });
    }
    for (const layout of layouts) {
      const tests = samples.filter((s) => s.layout === layout.name && s.index >= testFrom);
      const hits = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
      let allRight = 0;
      let done = 0;
      let doneButWrong = 0;
      let confidenceDone = 0;
      let confidenceDoneButWrong = 0;
      let matched = 0;
      for (const sample of tests) {
        let extracted = extractInvoice([sample.page]);
        const found = matchTemplate(store, sample.page.words);
        if (found) {
          matched++;
          extracted = mergeTemplateValues(extracted, applyTemplate(found.match.template, sample.page.words), {
            qrPayload: sample.page.qrPayload,
            words: sample.page.words,
          }).invoice;
        }
        const ok = FIELDS.map((f) => right(f, sample.truth, extracted));
        FIELDS.forEach((f, i) => (hits[f] += ok[i] ? 1 : 0));
        const all = ok.every(Boolean);
        if (all) allRight++;
        // As the worker decides with its defaults: the review thresholds, and a layout no template knows goes to a person.
        const reasons = reviewReasons(extracted, reviewThresholdsFor(extracted.documentType, DEFAULT_REVIEW_THRESHOLD));
        if (found && reasons.length === 0) {
          done++;
          if (!all) doneButWrong++;
        }
        if (reasons.length === 0) {
          confidenceDone++;
          if (!all) confidenceDoneButWrong++;
        }
      }
      const pct = (n: number): number => Math.round((100 * n) / Math.max(1, tests.length));
      rows.push({
        layout: layout.name,
        k,
        accuracy: Object.fromEntries(FIELDS.map((f) => [f, pct(hits[f])])) as Record<Field, number>,
        allRight: pct(allRight),
        done: pct(done),
        doneButWrong: pct(doneButWrong),
        confidenceDone: pct(confidenceDone),
        confidenceDoneButWrong: pct(confidenceDoneButWrong),
        matched,
        tested: tests.length,
        templates: store.length,
      });
    }
  }

  const header = [
    'layout',
    'corrected (k)',
    'template matched',
    ...FIELDS,
    'all 6 right',
    'done',
    'done but wrong',
    'done, new layouts by confidence',
    'done but wrong, new layouts by confidence',
  ];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows.sort((a, b) => a.layout.localeCompare(b.layout) || a.k - b.k)) {
    console.log(
      `| ${r.layout} | ${r.k} | ${r.matched}/${r.tested} | ${FIELDS.map((f) => `${r.accuracy[f]}%`).join(' | ')} | ${r.allRight}% | ${r.done}% | ${r.doneButWrong}% | ${r.confidenceDone}% | ${r.confidenceDoneButWrong}% |`,
    );
  }
  console.log(
    `\ntest set: invoices ${testFrom}..${count} of each layout; templates in the store after the corrections: ${rows
      .filter((r) => r.k > 0)
      .map((r) => `k=${r.k}: ${r.templates}`)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(', ')}`,
  );
  if (values.json) writeFileSync(values.json, JSON.stringify({ count, testFrom, ks, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
