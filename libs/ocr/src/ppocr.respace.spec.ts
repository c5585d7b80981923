import { describe, expect, it } from '@jest/globals';
import type { PpocrLine } from './ppocr.recognizer.js';
import { respaceLine } from './ppocr.respace.js';

/** A PP-OCR line whose words are laid out 10 px per character with 10 px gaps. */
function reading(text: string): PpocrLine {
  let x = 0;
  const words = text.split(' ').map((t) => {
    const w = { text: t, confidence: 95, x0: x, x1: x + 10 * t.length };
    x = w.x1 + 10;
    return w;
  });
  return { text, words, confidence: 95, dropped: 0 };
}

describe('respaceLine', () => {
  it("splits PP-OCR's glued words where tesseract saw a blank, sharing the word's pixels by characters", () => {
    const line = respaceLine(reading('Greentea, organic'), 'Green tea, organic');
    expect(line.text).toBe('Green tea, organic');
    expect(line.words.map((w) => [w.text, w.x0, w.x1])).toEqual([
      ['Green', 0, 50],
      ['tea,', 50, 90],
      ['organic', 100, 170],
    ]);
  });

  it("joins PP-OCR's split words where tesseract read the same characters side by side without a blank", () => {
    const line = respaceLine(reading('Sp iral note b o oks'), 'Spiral notebooks');
    expect(line.text).toBe('Spiral notebooks');
    expect(line.words.map((w) => [w.text, w.x0, w.x1])).toEqual([
      ['Spiral', 0, 70],
      ['notebooks', 80, 200],
    ]);
  });

  it("keeps PP-OCR's characters where the two readings differ, and its own blanks", () => {
    expect(respaceLine(reading('TOTALRM9.00'), 'T0TAL RM9,0O').text).toBe('TOTAL RM9.00');
    expect(respaceLine(reading('Sticky notes, yellow 8 7 7'), 'Sticky notes, yellow').text).toBe('Sticky notes, yellow 8 7 7');
  });

  it('leaves a line alone where no blank of tesseract falls between two aligned characters', () => {
    const line = reading('ABC123');
    expect(respaceLine(line, 'XYZ 999')).toBe(line);
    expect(respaceLine(line, '')).toBe(line);
  });
});
