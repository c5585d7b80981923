import type { PpocrLine, PpocrWord } from './ppocr.recognizer.js';

/**
 * PP-OCR glues Latin words its gap rule did not split ("Greentea, organic") and splits others at wide letters ("Sp iral
 * note b o oks"); tesseract reads blanks from the page's layout. Pure: where tesseract read the same two neighbouring
 * characters as PP-OCR (an edit-distance alignment of the two texts without blanks), PP-OCR's reading takes
 * tesseract's blank or its absence there; elsewhere PP-OCR's own blanks stay. The words' pixel spans are shared out by
 * characters.
 */
export function respaceLine(line: PpocrLine, tesseractText: string): PpocrLine {
  const chars = characters(line.words);
  const glued = chars.map((c) => c.char).join('');
  const ownBlanks = new Set<number>();
  let end = 0;
  for (const word of line.words.slice(0, -1)) ownBlanks.add((end += word.text.length));
  const blanks = blanksAfterAlignment(tesseractText, glued, ownBlanks);
  if (blanks.size === ownBlanks.size && [...blanks].every((b) => ownBlanks.has(b))) return line;
  const bounds = [0, ...[...blanks].sort((a, b) => a - b), glued.length];
  const words: PpocrWord[] = bounds.slice(0, -1).map((start, i) => {
    const span = chars.slice(start, bounds[i + 1]);
    return {
      text: span.map((c) => c.char).join(''),
      confidence: Math.round((100 * span.reduce((s, c) => s + c.confidence, 0)) / span.length) / 100,
      x0: Math.round(span[0]!.x0),
      x1: Math.round(span[span.length - 1]!.x1),
    };
  });
  return { ...line, words, text: words.map((w) => w.text).join(' ') };
}

interface Char {
  char: string;
  confidence: number;
  x0: number;
  x1: number;
}

/** PP-OCR's characters with their words' confidences and a share of their words' pixel spans. */
function characters(words: readonly PpocrWord[]): Char[] {
  return words.flatMap((w) => {
    const step = (w.x1 - w.x0) / Math.max(1, w.text.length);
    return [...w.text].map((char, i) => ({ char, confidence: w.confidence, x0: w.x0 + i * step, x1: w.x0 + (i + 1) * step }));
  });
}

/**
 * PP-OCR's blanks (positions in `glued`, its characters without blanks) after tesseract's say: at a position whose two
 * neighbours tesseract read the same and side by side, a blank exactly where tesseract has one; elsewhere `own`.
 */
function blanksAfterAlignment(spaced: string, glued: string, own: ReadonlySet<number>): Set<number> {
  const tokens = spaced.split(/\s+/).filter(Boolean);
  const reference = tokens.join('');
  const tessBlanks = new Set<number>();
  let end = 0;
  for (const token of tokens.slice(0, -1)) tessBlanks.add((end += token.length));
  const toGlued = alignment(reference, glued);
  const out = new Set(own);
  for (let i = 1; i < reference.length; i++) {
    const before = toGlued[i - 1]!;
    const after = toGlued[i]!;
    // Both neighbours read alike by the two engines, and next to each other in PP-OCR's reading.
    if (before < 0 || after !== before + 1 || reference[i - 1] !== glued[before] || reference[i] !== glued[after]) continue;
    if (tessBlanks.has(i)) out.add(after);
    else out.delete(after);
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
