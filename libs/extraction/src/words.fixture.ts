import type { OcrPageResult, OcrWord } from '@invoice/contracts';

/** Test helper: lays out words of one text line from x, at baseline-ish top y, with a fixed advance per character. */
export function line(
  text: string,
  x: number,
  y: number,
  options: { charWidth?: number; height?: number; slope?: number; page?: number; confidence?: number } = {},
): OcrWord[] {
  const charWidth = options.charWidth ?? 10;
  const height = options.height ?? 16;
  const slope = options.slope ?? 0;
  const words: OcrWord[] = [];
  let cursor = x;
  for (const part of text.split(/( +)/)) {
    if (part.trim() === '') {
      cursor += part.length * charWidth;
      continue;
    }
    const width = part.length * charWidth;
    const dy = Math.round(slope * (cursor + width / 2));
    words.push({
      text: part,
      confidence: options.confidence ?? 90,
      bbox: { x0: cursor, y0: y + dy, x1: cursor + width, y1: y + dy + height },
      page: options.page ?? 0,
    });
    cursor += width;
  }
  return words;
}

/** Test helper: an OcrPageResult around words. */
export function page(words: OcrWord[], qrPayload: string | null = null): OcrPageResult {
  return {
    text: words.map((w) => w.text).join(' '),
    words,
    meanConfidence: 90,
    width: 850,
    height: 1100,
    durationMs: 1,
    engineVersion: 'test',
    qrPayload,
  };
}

/** Test helper: a till receipt's page, one narrow column of `lines`, a line every 30 px, its words at `confidence`. */
export function tillReceipt(lines: readonly string[], confidence = 92): OcrPageResult {
  return page(lines.flatMap((text, i) => line(text, 40, 40 + i * 30, { charWidth: 12, height: 20, confidence })));
}

/** Shuffles deterministically (engines do not return words in reading order). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let state = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
