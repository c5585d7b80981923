/**
 * Fits the line items' confidence (`libs/extraction/src/confidence/items.model.ts`): the probability that every
 * line of a document is read right, from the signals of `lineItemSignals`, on the real invoices' readings cached
 * by `npm run tables:readings` (einvoice-dev and invoices-dev, text layer and scans). Figures are held out by
 * producer / issuer (a group's text layer and scans together).
 *   npm run train:items              # held-out figures, threshold, and the model written
 *   npm run train:items -- --dry     # figures only
 *   npm run train:items -- --check   # exit 1 unless the model written would be the committed file
 * Deterministic: same readings, same model. Without the readings (or ../shared/datasets) `--check` says so and passes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { OcrPageResult } from '@invoice/contracts';
import { extractWithSignals, ITEM_SIGNALS } from '@invoice/extraction';
import { itemsCases } from '../tables/items.cases.js';
import { scoreItems } from '../tables/items.score.js';
import { chooseThreshold, fitItems, leaveGroupOut, tally, thresholdOutOfGroup, type HeldOut, type ItemsRow } from './items.calibrate.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: process.env['DATASETS_DIR'] ?? '../shared/datasets' },
    readings: { type: 'string', default: '/work/cache/readings-tables' },
    dry: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});
const SETS = ['einvoice-dev/text-layer', 'einvoice-dev/scan', 'invoices-dev/text-layer', 'invoices-dev/scan'];
/** At most this share of the documents whose line items are accepted may hold a wrong line (issue #13's 1%). */
const MAX_WRONG = 0.01;
const MODEL_FILE = path.resolve('libs/extraction/src/confidence/items.model.ts');

/** One row per document whose line items were read: its signals and whether every line is right. */
function rowsOf(set: string): ItemsRow[] {
  const [name, mode] = set.split('/') as [string, string];
  const rows: ItemsRow[] = [];
  for (const c of itemsCases(path.resolve(values.datasets as string, name))) {
    const file = path.join(values.readings as string, name, mode, `${c.id}.json`);
    if (!existsSync(file)) continue;
    const { pages } = JSON.parse(readFileSync(file, 'utf8')) as { pages: OcrPageResult[] };
    const { invoice: extracted, itemSignals: x } = extractWithSignals(pages);
    if (extracted.lineItems.length === 0) continue;
    const numbers = scoreItems(
      c.gold.map((g) => ({ ...g, description: null })),
      extracted.lineItems,
    ).exact;
    rows.push({ set, group: `${name}:${c.group}`, x, right: numbers, exact: scoreItems(c.gold, extracted.lineItems).exact });
  }
  return rows;
}

const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');

function printCalibration(rows: readonly HeldOut[]): void {
  console.log('Calibration (held out by group): band | documents | numbers right | mean probability');
  for (const [lo, hi] of [
    [0, 0.2],
    [0.2, 0.5],
    [0.5, 0.8],
    [0.8, 0.9],
    [0.9, 0.95],
    [0.95, 1.01],
  ] as const) {
    const band = rows.filter((r) => r.probability >= lo && r.probability < hi);
    const mean = band.reduce((s, r) => s + r.probability, 0) / Math.max(1, band.length);
    console.log(
      `${lo.toFixed(2)}-${Math.min(1, hi).toFixed(2)} | ${band.length} | ${pct(band.filter((r) => r.right).length, band.length)} | ${mean.toFixed(3)}`,
    );
  }
}

function printDecisions(rows: readonly HeldOut[], threshold: number): void {
  console.log(`\nThreshold ${threshold} (at most ${MAX_WRONG * 100}% of accepted documents wrong, chosen on all held-out rows)`);
  console.log('set | documents | numbers right | exact | accepted | numbers wrong among accepted | a description wrong among accepted');
  for (const set of SETS) {
    const part = rows.filter((r) => r.set === set);
    const t = tally(part, threshold);
    const right = part.filter((r) => r.right).length;
    const exact = part.filter((r) => r.exact).length;
    console.log(
      `${set} | ${part.length} | ${pct(right, part.length)} | ${pct(exact, part.length)} | ${pct(t.accepted, part.length)} | ${pct(t.wrong, t.accepted)} (${t.wrong} of ${t.accepted}) | ${pct(t.inexact, t.accepted)}`,
    );
  }
  const nested = thresholdOutOfGroup(rows, MAX_WRONG);
  console.log(
    `each group decided by a threshold chosen without it: accepted ${pct(nested.accepted, rows.length)}, wrong among accepted ${pct(nested.wrong, nested.accepted)} (${nested.wrong} of ${nested.accepted})`,
  );
}

function modelSource(rows: readonly ItemsRow[], threshold: number): string {
  const model = { version: 1, signals: [...ITEM_SIGNALS], calibration: fitItems(rows), threshold };
  return [
    "import type { LogisticCalibration } from './logistic.calibration.js';",
    '',
    "/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */",
    `export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = ${JSON.stringify(model)};`,
    '',
  ].join('\n');
}

function main(): void {
  const missing = SETS.filter((set) => !existsSync(path.join(values.readings as string, set)));
  const why = !existsSync(values.datasets as string)
    ? `no data sets at ${values.datasets as string} (DATASETS_DIR)`
    : missing.length > 0
      ? `no readings of ${missing.join(', ')} under ${values.readings as string}: run npm run tables:readings first`
      : null;
  if (why) {
    process.stderr.write(`train:items${values.check ? ' --check skipped' : ''}: ${why}\n`);
    process.exitCode = values.check ? 0 : 1;
    return;
  }
  const rows = SETS.flatMap(rowsOf);
  process.stderr.write(`${rows.length} documents with line items read, ${new Set(rows.map((r) => r.group)).size} groups\n`);
  const heldOut = leaveGroupOut(rows);
  printCalibration(heldOut);
  const threshold = chooseThreshold(heldOut, MAX_WRONG);
  printDecisions(heldOut, threshold);
  if (values.dry) return;
  const source = modelSource(rows, threshold);
  if (values.check) {
    const same = readFileSync(MODEL_FILE, 'utf8') === source;
    process.stderr.write(`the committed line-item model ${same ? 'is' : 'differs from'} what the script writes\n`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(MODEL_FILE, source);
  process.stderr.write(`model written to ${MODEL_FILE}\n`);
}

main();
