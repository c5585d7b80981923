import { describe, expect, it } from '@jest/globals';
import { ITEM_SIGNALS, lineItemSignals, type ItemSignalsInput } from './items.signals.js';

const invoice = (overrides: Partial<ItemSignalsInput> = {}): ItemSignalsInput => ({
  lineItems: [
    { description: 'Kabel', quantity: 2, unitPrice: 10, amount: 20 },
    { description: 'Lampe', quantity: 1, unitPrice: 15, amount: 15 },
  ],
  subtotal: 35,
  total: 41.65,
  taxAmount: 6.65,
  issues: [],
  ...overrides,
});
const signal = (x: number[], name: (typeof ITEM_SIGNALS)[number]): number => x[ITEM_SIGNALS.indexOf(name)] as number;

describe('lineItemSignals', () => {
  it('gives one value per named signal: word confidences as 0..1, sums and read lines that agree', () => {
    const x = lineItemSignals(invoice(), [90, 100, 80], [true, true]);
    expect(x).toHaveLength(ITEM_SIGNALS.length);
    expect(signal(x, 'minWordConfidence')).toBeCloseTo(0.8);
    expect(signal(x, 'meanWordConfidence')).toBeCloseTo(0.9);
    expect(signal(x, 'sumsHold')).toBe(1);
    expect(signal(x, 'readAndAgreeShare')).toBe(1);
    expect(signal(x, 'flagged')).toBe(0);
  });

  it('checks the lines against the subtotal, else the total less the tax, else the total', () => {
    expect(signal(lineItemSignals(invoice({ subtotal: 36 }), [], [true, true]), 'sumsHold')).toBe(0);
    expect(signal(lineItemSignals(invoice({ subtotal: null }), [], [true, true]), 'sumsHold')).toBe(1);
    expect(signal(lineItemSignals(invoice({ subtotal: null, taxAmount: null, total: 35 }), [], [true, true]), 'sumsHold')).toBe(1);
    expect(signal(lineItemSignals(invoice({ subtotal: null, total: null }), [], [true, true]), 'sumsHold')).toBe(0);
  });

  it('does not count a line whose quantity or unit price was computed, nor one whose product is off', () => {
    expect(signal(lineItemSignals(invoice(), [], [true, false]), 'readAndAgreeShare')).toBe(0.5);
    const off = invoice({ lineItems: [{ description: 'Kabel', quantity: 2, unitPrice: 10, amount: 25 }] });
    expect(signal(lineItemSignals(off, [], [true]), 'readAndAgreeShare')).toBe(0);
    expect(signal(lineItemSignals(off, [], [true]), 'disagreeShare')).toBe(1);
    expect(signal(lineItemSignals(invoice(), [], [true, false]), 'disagreeShare')).toBe(0);
  });

  it("notes the reader's flags and descriptions that took in a code or a detail", () => {
    const x = lineItemSignals(
      invoice({
        issues: ['table:mismatch:lineItem:2'],
        lineItems: [
          { description: '4012345001235 Kabel', quantity: 1, unitPrice: 1, amount: 1 },
          { description: 'Lampe '.repeat(12).trim(), quantity: 1, unitPrice: 1, amount: 1 },
        ],
      }),
      [],
      [true, true],
    );
    expect(signal(x, 'flagged')).toBe(1);
    expect(signal(x, 'codeInDescription')).toBe(0.5);
    expect(signal(x, 'longDescription')).toBe(0.5);
    expect(signal(x, 'minWordConfidence')).toBe(0);
  });
});
