import { describe, expect, it } from '@jest/globals';
import { chooseLineReading, valueShapes } from './engine.choice.js';

describe('valueShapes', () => {
  it('counts the tokens that read as amounts or dates', () => {
    expect(valueShapes('TOTAL RM9.00 14/08/2017')).toBe(2);
    expect(valueShapes('Total: 1,234.56 €')).toBe(1);
    expect(valueShapes('DATE: 2017-08-14,')).toBe(1);
    expect(valueShapes('12-Mar-2018')).toBe(1);
    expect(valueShapes('TOTAL RM9,0O')).toBe(0);
    expect(valueShapes('INVOICE 12345')).toBe(0);
  });
});

describe('chooseLineReading', () => {
  const tess = { text: 'TOTAL RM9,0O', confidence: 50 };

  it('keeps tesseract when PP-OCR read nothing', () => {
    expect(chooseLineReading(tess, { text: '', confidence: 99, dropped: 0 })).toEqual({ engine: 'tesseract', reason: 'empty' });
  });

  it('keeps tesseract when PP-OCR read mostly non-Latin characters', () => {
    expect(chooseLineReading(tess, { text: 'AB', confidence: 99, dropped: 3 })).toEqual({ engine: 'tesseract', reason: 'not-latin' });
    expect(chooseLineReading(tess, { text: 'ABCDEFGHIJ', confidence: 99, dropped: 1 }).reason).toBe('confidence');
  });

  it("keeps tesseract's blanks when both read the same characters", () => {
    expect(
      chooseLineReading({ text: 'Green tea, organic', confidence: 60 }, { text: 'Greentea, organic', confidence: 97, dropped: 0 }),
    ).toEqual({
      engine: 'tesseract',
      reason: 'spacing',
    });
    expect(
      chooseLineReading({ text: 'Green tca, organic', confidence: 60 }, { text: 'Greentea, organic', confidence: 97, dropped: 0 }).engine,
    ).toBe('ppocr');
  });

  it('prefers the reading in which an amount or a date parses, whatever the confidences', () => {
    expect(chooseLineReading(tess, { text: 'TOTAL RM9.00', confidence: 40, dropped: 0 })).toEqual({ engine: 'ppocr', reason: 'shape' });
    expect(chooseLineReading({ text: 'DATE 14/08/2017', confidence: 40 }, { text: 'DATE 14/08/20I7', confidence: 95, dropped: 0 })).toEqual(
      {
        engine: 'tesseract',
        reason: 'shape',
      },
    );
  });

  it('otherwise keeps the more confident reading', () => {
    expect(chooseLineReading({ text: 'S0ON HUAT', confidence: 60 }, { text: 'SOON HUAT', confidence: 92, dropped: 0 }).engine).toBe(
      'ppocr',
    );
    expect(chooseLineReading({ text: 'SOON HUAT', confidence: 70 }, { text: 'S0ON HUAT', confidence: 65, dropped: 0 }).engine).toBe(
      'tesseract',
    );
  });
});
