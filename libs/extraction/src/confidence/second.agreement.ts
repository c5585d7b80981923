import type { BBox, OcrReread, OcrWord } from '@invoice/contracts';
import { parseDate } from '../date.parser.js';
import { receiptAmount } from '../receipt.fields.js';
import type { ReceiptField } from './receipt.signals.js';

/**
 * Whether the second recognizer (PP-OCR), reading a field's lines again on their own, read the value the field
 * holds: 1 it did, -1 it read something else, 0 no line of the field was read again. Two engines that read a line
 * the same way rarely share a slip (a misread shop name, `SANYO` for `SANYU`, is read so by one of them): on the
 * 300 SROIE receipts a name both engines read alike was right 85% of the time, one they read apart 27%
 * (`npm run train:receipts -- --dry`).
 * Names and addresses compare their letters and digits (case, spaces and punctuation aside), dates as dates,
 * totals as amounts.
 */
export function secondAgreement(
  field: ReceiptField,
  value: string | number,
  words: readonly OcrWord[],
  confirmations: readonly OcrReread[],
): -1 | 0 | 1 {
  const lines = confirmations.filter((c) => words.some((w) => covers(c.bbox, w)));
  if (lines.length === 0) return 0;
  const text = [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0).map((c) => c.text);
  return agrees(field, value, text) ? 1 : -1;
}

/** A word is on a confirmed line when its vertical centre lies in the line's box and their spans overlap. */
function covers(box: BBox, word: OcrWord): boolean {
  const centre = (word.bbox.y0 + word.bbox.y1) / 2;
  return centre >= box.y0 && centre <= box.y1 && word.bbox.x0 < box.x1 && word.bbox.x1 > box.x0;
}

/** An amount PP-OCR prints with a cent digit short ("RM18.0", "87.1"), which the receipt rules do not take for a price. */
function shortAmount(token: string): number | null {
  const m = /^(?:rm|myr|[$€£])?(\d{1,6})[.,](\d)$/i.exec(token);
  return m ? Number(`${m[1]}.${m[2]}`) : null;
}

const letters = (text: string): string => text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

function agrees(field: ReceiptField, value: string | number, lines: readonly string[]): boolean {
  if (field === 'issueDate') return lines.some((line) => parseDate(line) === value);
  if (field === 'total')
    return lines.some((line) =>
      line.split(/\s+/).some((token) => {
        const amount = receiptAmount(token) ?? shortAmount(token);
        return amount !== null && Math.abs(amount - Number(value)) < 0.005;
      }),
    );
  const wanted = letters(String(value));
  return wanted.length >= 3 && letters(lines.join(' ')).includes(wanted);
}

/** The boxes of the lines `words` stand on (words whose vertical centres are within half a word's height share a line). */
export function lineBoxes(words: readonly OcrWord[]): BBox[] {
  const lines: BBox[] = [];
  for (const w of [...words].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0)) {
    const centre = (w.bbox.y0 + w.bbox.y1) / 2;
    const line = lines.find((l) => Math.abs((l.y0 + l.y1) / 2 - centre) < 0.5 * Math.max(1, w.bbox.y1 - w.bbox.y0));
    if (!line) lines.push({ ...w.bbox });
    else
      Object.assign(line, {
        x0: Math.min(line.x0, w.bbox.x0),
        y0: Math.min(line.y0, w.bbox.y0),
        x1: Math.max(line.x1, w.bbox.x1),
        y1: Math.max(line.y1, w.bbox.y1),
      });
  }
  return lines;
}
