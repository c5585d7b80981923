import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { buildDocument } from '../document/document.model.js';
import { line, page } from '../words.fixture.js';
import { indexDocument } from './candidate.features.js';
import { anchorOf, placeLabels } from './label.anchors.js';

/** The strength of the invoice number's label over the value `34278587` on a page of these words. */
function aboveOf(words: OcrWord[]): number {
  const doc = buildDocument([page(words)]);
  const value = doc.lines.find((l) => l.text === '34278587');
  if (!value) throw new Error('no value line');
  const box = { line: value, start: 0, x0: value.x0, y0: value.y0, x1: value.x1 };
  return anchorOf(placeLabels(doc), 'invoiceNumber', box, doc.medianHeight, indexDocument(doc).linesByRow).above;
}

describe('anchorOf: a label above its value', () => {
  const header = line('Invoice Number', 80, 400);
  const near = aboveOf([...header, ...line('34278587', 80, 424)]);

  it("counts a table header's label as right above its value across an empty band", () => {
    // A header band: the value four line heights under its label, nothing between them.
    expect(aboveOf([...header, ...line('34278587', 80, 480)])).toBeCloseTo(near, 5);
    expect(near).toBeGreaterThan(0.5);
  });

  it('weakens with distance when a line stands between them, and past eight line heights', () => {
    expect(aboveOf([...header, ...line('Contoso Ltd', 80, 440), ...line('34278587', 80, 480)])).toBeLessThan(near * 0.6);
    expect(aboveOf([...header, ...line('34278587', 80, 400 + 16 * 12)])).toBeLessThan(near * 0.2);
    // A line beside the column does not stand between them.
    expect(aboveOf([...header, ...line('Contoso Ltd', 600, 440), ...line('34278587', 80, 480)])).toBeCloseTo(near, 5);
  });
});

/** The strength of the total's label left of the value `235,62` on a page of these words. */
function leftOf(words: OcrWord[]): number {
  const doc = buildDocument([page(words)]);
  const value = doc.lines.flatMap((l) => l.words.map((w, start) => ({ l, w, start }))).find(({ w }) => w.text === '235,62');
  if (!value) throw new Error('no value word');
  const box = { line: value.l, start: value.start, x0: value.w.bbox.x0, y0: value.w.bbox.y0, x1: value.w.bbox.x1 };
  return anchorOf(placeLabels(doc), 'total', box, doc.medianHeight, indexDocument(doc).linesByRow).left;
}

describe('anchorOf: a label left of its value on the row', () => {
  const label = line('Rechnungssumme Brutto', 60, 400);
  const adjacent = leftOf(line('Rechnungssumme Brutto 235,62', 60, 400));

  it('reaches a value at the right margin when nothing stands between them', () => {
    const margin = leftOf([...label, ...line('235,62', 700, 400)]);
    expect(margin).toBeGreaterThan(adjacent * 0.5);
  });

  it('weakens with the words standing between them more than with the distance', () => {
    const margin = leftOf([...label, ...line('235,62', 700, 400)]);
    const behindOthers = leftOf([...label, ...line('19%', 450, 400), ...line('198,00', 560, 400), ...line('235,62', 700, 400)]);
    expect(behindOthers).toBeLessThan(margin * 0.6);
    expect(behindOthers).toBeGreaterThan(0);
  });
});
