/**
 * npm run eval:templates:sroie -- [--dataset ../shared/datasets/sroie-dev] [--ks 1,2] [--json FILE] [--pages FILE]
 * (`--pages FILE`: the OCR results are saved there, and read from there when it exists: the OCR of the
 * 60 receipts takes minutes, the templates milliseconds)
 *
 * Learned templates on real receipts (SROIE, ICDAR 2019, CC BY 4.0), grouped by vendor (the `company`
 * label). Receipts are read once with the real OCR engine. For each vendor with at least 3 receipts
 * (in id order), receipts 3.. are the test set; per k, the labels of receipts 1..k of each such vendor are
 * given as corrections (date, total, vendor name) to one template store working as the gateway's, and
 * the test receipts are read as the worker does. Receipts of the other vendors (one or two each) are
 * read too, to count pages that match a template they do not belong to and what that costs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import {
  applyTemplate,
  extractInvoice,
  learnFromPage,
  matchTemplate,
  mergeTemplateValues,
  vendorKey,
  type VendorTemplate,
} from '@invoice/extraction';
import { OcrEngine } from '@invoice/ocr';
import { loadDataset, type SroieLabel } from './dataset.js';
import { normalizeAmount, normalizeDate, normalizeText, sameAmount } from './normalize.js';

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, ks: { type: 'string' }, json: { type: 'string' }, pages: { type: 'string' } },
});
const dir = values.dataset ?? process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev';
const ks = (values.ks ?? '1,2').split(',').map(Number);
const TEST_FROM = 3;

interface Receipt {
  id: string;
  vendor: string;
  index: number;
  truth: SroieLabel;
  page: OcrPageResult;
}

interface Outcome {
  date: boolean;
  total: boolean;
  /** The template's own reading of the total was right (whether the merge used it or not). */
  templateTotal: boolean;
  vendorName: boolean;
  /** Sent to review (an issue left after the template). */
  review: boolean;
  matchedKey: string | null;
}

function read(
  receipt: Receipt,
  store: { vendorKey: string; owner: string; template: VendorTemplate }[],
): Outcome & { matchedOwner: string | null } {
  let extracted: ExtractedInvoice = extractInvoice([receipt.page]);
  let vendorName: string | null = null;
  let templateTotal: number | null = null;
  const found = matchTemplate(store, receipt.page.words);
  if (found) {
    const values = applyTemplate(found.match.template, receipt.page.words);
    templateTotal = typeof values.total?.value === 'number' ? values.total.value : null;
    extracted = mergeTemplateValues(extracted, values, { qrPayload: receipt.page.qrPayload, words: receipt.page.words }).invoice;
    // The extraction has no vendor name yet: the template's is the only one.
    vendorName = typeof values.vendorName?.value === 'string' ? values.vendorName.value : null;
  }
  const date = normalizeDate(receipt.truth.date);
  return {
    date: date !== null && date === extracted.issueDate,
    total: sameAmount(normalizeAmount(receipt.truth.total), extracted.total),
    templateTotal: templateTotal !== null && sameAmount(normalizeAmount(receipt.truth.total), templateTotal),
    vendorName: vendorName !== null && normalizeText(vendorName) === normalizeText(receipt.truth.company),
    review: extracted.issues.length > 0,
    matchedKey: found?.match.vendorKey ?? null,
    matchedOwner: found?.match.owner ?? null,
  };
}

async function main(): Promise<void> {
  const dataset = await loadDataset(dir);
  if (dataset.format !== 'sroie') throw new Error(`${dir} is not a SROIE folder`);
  const receipts: Receipt[] = [];
  const saved = (values.pages && existsSync(values.pages) ? JSON.parse(readFileSync(values.pages, 'utf8')) : {}) as Record<
    string,
    OcrPageResult
  >;
  const engine = await OcrEngine.create({ concurrency: 2 });
  const started = performance.now();
  try {
    await Promise.all(
      dataset.documents.map(async (doc) => {
        if (doc.format !== 'sroie') return;
        const page = saved[doc.id] ?? (await engine.recognize(await readFile(doc.imagePath)));
        saved[doc.id] = page;
        process.stderr.write('.');
        receipts.push({ id: doc.id, vendor: normalizeText(doc.truth.company) ?? doc.id, index: 0, truth: doc.truth, page });
      }),
    );
  } finally {
    await engine.terminate();
  }
  process.stderr.write(`\n${receipts.length} receipts read in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (values.pages) writeFileSync(values.pages, JSON.stringify(saved));
  receipts.sort((a, b) => a.vendor.localeCompare(b.vendor) || a.id.localeCompare(b.id));
  const byVendor = new Map<string, Receipt[]>();
  for (const r of receipts) byVendor.set(r.vendor, [...(byVendor.get(r.vendor) ?? []), r]);
  for (const group of byVendor.values()) group.forEach((r, i) => (r.index = i + 1));
  const grouped = [...byVendor.entries()].filter(([, g]) => g.length >= TEST_FROM).map(([vendor]) => vendor);
  const tests = receipts.filter((r) => grouped.includes(r.vendor) && r.index >= TEST_FROM);
  const others = receipts.filter((r) => !grouped.includes(r.vendor));

  const rows: Record<string, unknown>[] = [];
  console.log(
    `vendors with ${TEST_FROM}+ receipts: ${grouped.map((v) => `${v} (${byVendor.get(v)!.length})`).join(', ')}; test receipts: ${tests.length}; other vendors' receipts: ${others.length}\n`,
  );
  console.log(
    '| corrected per vendor (k) | test: template matched | date | total | total read by the template | vendor name | test: to review | others: matched a template | others: date | others: total |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const k of [0, ...ks]) {
    const store: { vendorKey: string; owner: string; template: VendorTemplate }[] = [];
    for (const r of receipts.filter((x) => grouped.includes(x.vendor) && x.index <= k)) {
      const corrected = { issueDate: normalizeDate(r.truth.date), total: normalizeAmount(r.truth.total), vendorName: r.truth.company };
      const found = matchTemplate(store, r.page.words)?.match;
      const { template, learned } = learnFromPage(r.page.words, corrected, found?.template ?? null);
      if (learned.length === 0) continue;
      if (found) found.template = template;
      else store.push({ vendorKey: vendorKey(r.page.words), owner: r.vendor, template });
    }
    const t = tests.map((r) => ({ r, o: read(r, store) }));
    const o = others.map((r) => ({ r, o: read(r, store) }));
    const pct = (list: { o: Outcome }[], f: (o: Outcome) => boolean): string =>
      `${Math.round((100 * list.filter((x) => f(x.o)).length) / Math.max(1, list.length))}%`;
    const rightMatch = t.filter((x) => x.o.matchedOwner === x.r.vendor).length;
    console.log(
      `| ${k} | ${rightMatch}/${t.length} | ${pct(t, (x) => x.date)} | ${pct(t, (x) => x.total)} | ${pct(t, (x) => x.templateTotal)} | ${pct(t, (x) => x.vendorName)} | ${pct(t, (x) => x.review)} | ${o.filter((x) => x.o.matchedKey).length}/${o.length} | ${pct(o, (x) => x.date)} | ${pct(o, (x) => x.total)} |`,
    );
    rows.push({
      k,
      templates: store.length,
      tests: t.map((x) => ({ id: x.r.id, vendor: x.r.vendor, ...x.o })),
      others: o.filter((x) => x.o.matchedKey).map((x) => ({ id: x.r.id, ...x.o })),
    });
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
