import { describe, expect, it } from '@jest/globals';
import { bestDistance, ocrLines, orderFreeCer, sumCer, wordWindows } from './cer.js';

describe('ocrLines and wordWindows', () => {
  it('splits the OCR text into non-blank lines, whitespace collapsed', () => {
    expect(ocrLines('  TOTAL   9.00 \n\n CASH\t10.00\n')).toEqual(['TOTAL 9.00', 'CASH 10.00']);
  });

  it('lists every run of consecutive words within a line', () => {
    expect(wordWindows(['A B C', 'D']).sort()).toEqual(['A', 'A B', 'A B C', 'B', 'B C', 'C', 'D']);
  });
});

describe('bestDistance', () => {
  it('is the smallest edit distance, at most the reference length', () => {
    expect(bestDistance('TOTAL', ['T0TAL', 'CASH'])).toBe(1);
    expect(bestDistance('TOTAL', [])).toBe(5);
    expect(bestDistance('AB', ['XXXXXXXX'])).toBe(2);
  });
});

describe('orderFreeCer', () => {
  it('is zero when every transcript line is in the OCR text, whatever the order', () => {
    const r = orderFreeCer(['CASH 10.00', 'TOTAL 9.00'], 'TOTAL 9.00\nCASH 10.00');
    expect(r).toEqual({ lines: 2, chars: 20, errorsLine: 0, errorsWindow: 0 });
  });

  it('counts substitutions, and a line found nowhere as all its characters', () => {
    // "T0TAL 9.00": 1 substitution; "XYZ" is nowhere (every candidate is 4+ edits away): its 3 characters.
    const r = orderFreeCer(['TOTAL 9.00', 'XYZ', '  '], 'T0TAL 9.00');
    expect(r).toEqual({ lines: 2, chars: 13, errorsLine: 4, errorsWindow: 4 });
  });

  it('the word-window method finds a box that tesseract merged with its neighbour on one line', () => {
    // The transcript has "TOTAL" and "9.00" as separate boxes; tesseract reads "TOTAL 9.00" as one line.
    const r = orderFreeCer(['TOTAL', '9.00'], 'TOTAL 9.00');
    expect(r.errorsWindow).toBe(0);
    // Whole lines: "TOTAL" vs "TOTAL 9.00" = 5 insertions -> capped at 5; "9.00" vs "TOTAL 9.00" = 6 -> capped at 4.
    expect(r.errorsLine).toBe(9);
    expect(r.chars).toBe(9);
  });

  it('sums documents by characters', () => {
    expect(
      sumCer([
        { lines: 1, chars: 10, errorsLine: 2, errorsWindow: 1 },
        { lines: 3, chars: 30, errorsLine: 0, errorsWindow: 0 },
      ]),
    ).toEqual({ lines: 4, chars: 40, errorsLine: 2, errorsWindow: 1 });
  });
});
