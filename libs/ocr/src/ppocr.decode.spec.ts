import { describe, expect, it } from '@jest/globals';
import { decodeCtc, latinChar, parseDictionary } from './ppocr.decode.js';

// Classes: 0 blank, 1 'A', 2 'B', 3 '7', 4 '中', 5 '，', 6 space.
const DICT = parseDictionary('A\nB\n7\n中\n，\n');
const CLASSES = DICT.length;

/** A probability matrix whose best class per step is `path[t]` (with probability `p`). */
function matrix(path: number[], p = 0.9): Float32Array {
  const out = new Float32Array(path.length * CLASSES).fill((1 - p) / (CLASSES - 1));
  path.forEach((c, t) => {
    out[t * CLASSES + c] = p;
  });
  return out;
}

describe('parseDictionary', () => {
  it('puts the blank first and the space last', () => {
    expect(DICT).toEqual(['', 'A', 'B', '7', '中', '，', ' ']);
  });
});

describe('latinChar', () => {
  it('keeps ASCII, accented Latin and the euro sign, maps full-width punctuation, refuses CJK', () => {
    expect(latinChar('a')).toBe('a');
    expect(latinChar('é')).toBe('é');
    expect(latinChar('€')).toBe('€');
    expect(latinChar('，')).toBe(',');
    expect(latinChar('：')).toBe(':');
    expect(latinChar('中')).toBeNull();
    expect(latinChar('ア')).toBeNull();
  });
});

describe('decodeCtc', () => {
  it('merges repeats, removes blanks and keeps a doubled letter split by a blank', () => {
    const line = decodeCtc(matrix([1, 1, 0, 1, 0, 2, 2]), 7, CLASSES, DICT);
    expect(line.words.map((w) => w.text)).toEqual(['AAB']);
    expect(line.words[0]).toMatchObject({ start: 0, end: 7 });
    expect(line.confidence).toBeCloseTo(0.9, 5);
  });

  it('starts a new word where the gap between characters is much wider than the usual pitch', () => {
    // A at 0, B at 2, A at 4 (pitch 2), then 8 blank steps, 7 at 13, A at 15.
    const path = [1, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1];
    const line = decodeCtc(matrix(path), path.length, CLASSES, DICT);
    expect(line.words.map((w) => [w.text, w.start, w.end])).toEqual([
      ['ABA', 0, 5],
      ['7A', 13, 16],
    ]);
  });

  it('keeps characters at the usual pitch together, and a wider gap factor joins more', () => {
    // Starts at 0, 3, 6 (pitch 3), then 14: a gap of 8 steps.
    const path = [1, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2];
    expect(decodeCtc(matrix(path), path.length, CLASSES, DICT).words.map((w) => w.text)).toEqual(['ABA', 'B']);
    expect(decodeCtc(matrix(path), path.length, CLASSES, DICT, { gapFactor: 3 }).words.map((w) => w.text)).toEqual(['ABAB']);
  });

  it('ends a word at the space class', () => {
    const line = decodeCtc(matrix([1, 6, 2]), 3, CLASSES, DICT);
    expect(line.words.map((w) => w.text)).toEqual(['A', 'B']);
  });

  it('drops non-Latin characters and counts them, maps full-width punctuation', () => {
    const line = decodeCtc(matrix([1, 0, 4, 0, 5, 0, 2]), 7, CLASSES, DICT);
    expect(line.words.map((w) => w.text)).toEqual(['A,B']);
    expect(line.dropped).toBe(1);
  });

  it('reads nothing from blanks only', () => {
    const line = decodeCtc(matrix([0, 0, 0]), 3, CLASSES, DICT);
    expect(line).toEqual({ words: [], confidence: 0, dropped: 0, steps: 3 });
  });
});
