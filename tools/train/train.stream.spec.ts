import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { line as textLine } from '../../libs/extraction/src/words.fixture.js';
import { rightValue } from './train.prepare.js';
import type { Outcome } from './train.report.js';
import { runStream, type StreamDoc } from './train.stream.js';

/** One text line as words, OCR confidence 99. */
const line = (text: string, x: number, y: number): OcrWord[] => textLine(text, x, y, { confidence: 99 });

/** One vendor's layout: the amount payable printed under a subtotal the scorer takes for the total. */
const invoice = (subtotal: string, total: string): OcrWord[] => [
  ...line('NORTHWIND TRADING LTD', 60, 40),
  ...line('12 Harbour Road Leeds', 60, 75),
  ...line('Goods', 400, 380),
  ...line(subtotal, 640, 380),
  ...line('Amount payable', 400, 420),
  ...line(total, 640, 420),
];

const TOTALS = [
  ['100.00', '120.00'],
  ['200.00', '240.00'],
  ['50.00', '60.00'],
] as const;

const docs: StreamDoc[] = TOTALS.map(([subtotal, total], i) => ({
  id: `d${i}`,
  dataset: 'northwind',
  group: 'northwind',
  words: invoice(subtotal, total),
  truth: { total: Number(total) },
  isRight: (field, value) => rightValue(field, Number(total), value),
}));

/** The scorer takes the subtotal for the total on every invoice of the layout, sure of itself. */
const outcomes: Outcome[] = TOTALS.map(([subtotal, total], i) => ({
  id: `d${i}`,
  dataset: 'northwind',
  group: 'northwind',
  field: 'total',
  value: Number(subtotal),
  probability: 0.99,
  signals: [],
  confidence: 0.99,
  checkFailed: false,
  right: false,
  ruleRight: false,
  truth: Number(total),
}));

const thresholds = () => ({ fields: { total: 0.9 } as never, other: 0.91 });

describe('runStream', () => {
  it('lets a sure, systematic mistake through when nothing goes to a person, so no template is taught', () => {
    const tally = runStream(docs, outcomes, thresholds, { reviewNewLayouts: false }).get('northwind');
    expect(tally).toEqual({ documents: 3, known: 0, done: 3, wrong: 3 });
  });

  it('with a new layout reviewed: the template it teaches disagrees on the next invoice, and overrules the mistake once two agree', () => {
    const tally = runStream(docs, outcomes, thresholds, { reviewNewLayouts: true }).get('northwind');
    // d0: new layout, reviewed (teaches the total's place); d1: the template reads 240.00 where the scorer says 200.00,
    // a person decides (teaches again); d2: two examples, the template's 60.00 replaces the scorer's 50.00.
    expect(tally).toEqual({ documents: 3, known: 2, done: 1, wrong: 0 });
  });
});

describe('runStream: what a template confirms', () => {
  /** The scorer reads the right total, a little unsure (0.85, under the field's threshold 0.9). */
  const unsure: Outcome[] = outcomes.map((o, i) => ({ ...o, value: Number(TOTALS[i]?.[1]), confidence: 0.85, right: true }));
  const exact = docs.map((d) => ({ ...d, words: d.words.map((w) => ({ ...w, confidence: 100 })) }));

  it("counts the agreement of two readings of a text layer: the layout's next invoices are done", () => {
    const seen: boolean[] = [];
    runStream(exact, unsure, thresholds, { reviewNewLayouts: true }, (_doc, decided) => seen.push(decided.every((d) => d.templated)));
    expect(runStream(exact, unsure, thresholds, { reviewNewLayouts: true }).get('northwind')).toMatchObject({ done: 2, wrong: 0 });
    expect(seen).toEqual([false, true, true]);
  });

  it('does not count one OCR reading of the same words twice: each total stays under its threshold', () => {
    expect(runStream(docs, unsure, thresholds, { reviewNewLayouts: true }).get('northwind')).toMatchObject({ done: 0 });
  });
});
