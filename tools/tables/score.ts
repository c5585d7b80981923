/**
 * Scores line items read from cached readings (see readings.ts) against the labels of einvoice-dev
 * (`labelsPrinted.lineItems`, one invoice per `meta.visualGroup`, grouped by `meta.producer`) or invoices-dev
 * (`lineItems`, grouped by issuer).
 *
 *   npm run tables:score -- --dataset ../shared/datasets/einvoice-dev --mode text-layer [--reader table|extract] [--json FILE] [--read "GROUP;GROUP"]
 *
 * `table`: the table reader alone (`readItemTable` over `buildRows`); `extract`: `extractInvoice`'s line items.
 * `--read "A;B"` names the groups whose failures were read while writing the rules: the sums of those and of the
 * others are printed apart, so the figure of the groups nobody read can be told from the rest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { OcrPageResult } from '@invoice/contracts';
import { buildRows, extractInvoice, readItemTable } from '@invoice/extraction';
import { itemsCases, type ItemsCase } from './items.cases.js';
import { scoreItems, type ReadItem } from './items.score.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    mode: { type: 'string', default: 'text-layer' },
    readings: { type: 'string', default: '/work/cache/readings-tables' },
    reader: { type: 'string', default: 'table' },
    json: { type: 'string' },
    read: { type: 'string', default: '' },
  },
});
if (!values.dataset) throw new Error('--dataset DIR is required');
const dataset = path.resolve(values.dataset);
const readingsDir = path.join(values.readings as string, path.basename(dataset), values.mode as string);

const cases = (): ItemsCase[] => itemsCases(dataset);

/** The line-item confidence `extractInvoice` gives (null for the table reader alone). */
let confidence: number | null = null;

function read(pages: OcrPageResult[]): ReadItem[] {
  confidence = null;
  if (values.reader === 'extract') {
    const extracted = extractInvoice(pages);
    confidence = extracted.lineItemsEvidence?.confidence ?? null;
    return extracted.lineItems;
  }
  const words = pages.flatMap((p, index) => p.words.map((w) => ({ ...w, page: index })));
  return readItemTable(buildRows(words))?.items ?? [];
}

const groups = new Map<string, { docs: number; exact: number; lines: number; linesRight: number }>();
const details: unknown[] = [];
/** Milliseconds of the reader per page, per document. */
const timings: number[] = [];
let missing = 0;
for (const c of cases()) {
  const file = path.join(readingsDir, `${c.id}.json`);
  if (!existsSync(file)) {
    missing++;
    continue;
  }
  const { pages } = JSON.parse(readFileSync(file, 'utf8')) as { pages: OcrPageResult[] };
  const started = performance.now();
  const items = read(pages);
  timings.push((performance.now() - started) / Math.max(1, pages.length));
  const score = scoreItems(c.gold, items);
  const g = groups.get(c.group) ?? { docs: 0, exact: 0, lines: 0, linesRight: 0 };
  groups.set(c.group, {
    docs: g.docs + 1,
    exact: g.exact + Number(score.exact),
    lines: g.lines + c.gold.length,
    linesRight: g.linesRight + score.linesRight,
  });
  details.push({
    id: c.id,
    group: c.group,
    ...score,
    confidence,
    gold: c.gold,
    read: items.map(({ description, quantity, unitPrice, amount }) => ({ description, quantity, unitPrice, amount })),
  });
}
const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const total = { docs: 0, exact: 0, lines: 0, linesRight: 0 };
console.log(`${path.basename(dataset)} ${values.mode} reader=${values.reader} (readings missing: ${missing})`);
console.log('group | docs | exact | lines right');
for (const [group, g] of [...groups].sort()) {
  console.log(`${group} | ${g.docs} | ${g.exact} (${pct(g.exact, g.docs)}) | ${g.linesRight}/${g.lines} (${pct(g.linesRight, g.lines)})`);
  for (const k of ['docs', 'exact', 'lines', 'linesRight'] as const) total[k] += g[k];
}
console.log(
  `all | ${total.docs} | ${total.exact} (${pct(total.exact, total.docs)}) | ${total.linesRight}/${total.lines} (${pct(total.linesRight, total.lines)})`,
);
const readGroups = new Set(
  (values.read as string)
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean),
);
if (readGroups.size > 0) {
  for (const [name, wanted] of [
    ['read', true],
    ['not read', false],
  ] as const) {
    const h = { docs: 0, exact: 0, lines: 0, linesRight: 0 };
    for (const [group, g] of groups) {
      if (readGroups.has(group) !== wanted) continue;
      for (const k of ['docs', 'exact', 'lines', 'linesRight'] as const) h[k] += g[k];
    }
    console.log(`${name} | ${h.docs} | ${h.exact} (${pct(h.exact, h.docs)}) | ${h.linesRight}/${h.lines} (${pct(h.linesRight, h.lines)})`);
  }
}
const sorted = [...timings].sort((a, b) => a - b);
const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 0;
console.log(
  `reader time per page: mean ${(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
);
if (values.json) writeFileSync(values.json, JSON.stringify(details, null, 1));
