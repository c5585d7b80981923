import type { PpocrLine, PpocrWord } from './ppocr.recognizer.js';

/**
 * PP-OCR glues Latin words its gap rule did not split ("Greentea, organic"); tesseract reads blanks from the page's
 * layout. Pure: puts tesseract's blanks into PP-OCR's reading of the same line wherever the characters on both sides
 * of a blank are the same as two neighbouring characters of PP-OCR's they are aligned with (an edit-distance alignment
 * of the two texts without blanks), splitting PP-OCR's words there; PP-OCR's own blanks stay.
 */
export function respaceLine(line: PpocrLine, tesseractText: string): PpocrLine {
  const splits = splitPoints(tesseractText, line.words.map((w) => w.text).join(''));
  if (splits.size === 0) return line;
  const words: PpocrWord[] = [];
  let offset = 0;
  for (const word of line.words) {
    const cuts = [...splits].filter((s) => s > offset && s < offset + word.text.length).map((s) => s - offset);
    words.push(...splitWord(word, cuts));
    offset += word.text.length;
  }
  return { ...line, words, text: words.map((w) => w.text).join(' ') };
}

/** Positions in `glued` (PP-OCR's characters without blanks) before which a blank of `spaced` (tesseract's text) falls. */
function splitPoints(spaced: string, glued: string): Set<number> {
  const tokens = spaced.split(/\s+/).filter(Boolean);
  const reference = tokens.join('');
  const blanks = new Set<number>();
  let end = 0;
  for (const token of tokens.slice(0, -1)) blanks.add((end += token.length));
  const match = alignment(reference, glued);
  const out = new Set<number>();
  for (const b of blanks) {
    const before = match[b - 1];
    const after = match[b];
    // Both neighbours read alike by the two engines, and next to each other in PP-OCR's reading.
    if (before === undefined || after === undefined || before < 0 || after !== before + 1) continue;
    if (reference[b - 1] === glued[before] && reference[b] === glued[after]) out.add(after);
  }
  return out;
}

/** For each character of `a`, the index of the character of `b` it is aligned with (match or substitution), or -1. */
function alignment(a: string, b: string): number[] {
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  const match = new Array<number>(n).fill(-1);
  for (let i = n, j = m; i > 0 && j > 0;) {
    if (d[i]![j] === d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) match[--i] = --j;
    else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  return match;
}

/** A word cut before the given character positions, its pixel span shared out by characters. */
function splitWord(word: PpocrWord, cuts: readonly number[]): PpocrWord[] {
  if (cuts.length === 0) return [word];
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), word.text.length];
  const perChar = (word.x1 - word.x0) / Math.max(1, word.text.length);
  return bounds.slice(0, -1).map((start, i) => ({
    text: word.text.slice(start, bounds[i + 1]),
    confidence: word.confidence,
    x0: Math.round(word.x0 + start * perChar),
    x1: Math.round(word.x0 + bounds[i + 1]! * perChar),
  }));
}
