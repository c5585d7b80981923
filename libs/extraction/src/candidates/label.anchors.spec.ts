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
