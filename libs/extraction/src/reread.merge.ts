import type { BBox, OcrPageResult, OcrReread, OcrWord } from '@invoice/contracts';
import { parseItemColumn } from './line-item.parser.js';
import { normalizeSpaces } from './text.normalize.js';

const centreInside = (word: OcrWord, box: BBox): boolean => {
  const x = (word.bbox.x0 + word.bbox.x1) / 2;
  const y = (word.bbox.y0 + word.bbox.y1) / 2;
  return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
};

/** Whether a reread item column is taken over the first reading of its region. */
export function acceptReread(reread: Pick<OcrReread, 'text'>, firstReading: string): boolean {
  const second = parseItemColumn(reread.text);
  if (!second) return false;
  if (second.quantity !== null) return true;
  // A reread without a readable quantity still beats a first reading that is no item column at all.
  return parseItemColumn(firstReading) === null;
}

/**
 * The page with its accepted rereads in place: the words whose centre lies in a reread region give way
 * to the reread's words (put where the first of them stood, so that word order stays reading order).
 * A reread is accepted when it reads as an item column (`4 x 98.58 €`) with a quantity, or when the
 * first reading of the region is no item column at all. The result has no `rereads` left (merging it
 * again changes nothing); a page without rereads is returned as is.
 * The result's words are the ones extraction indexes (`wordIndexes`): store these, not the first reading.
 */
export function mergeRereads(page: OcrPageResult): OcrPageResult {
  if (!page.rereads) return page;
  let words = page.words;
  for (const reread of page.rereads) {
    const inside = words.filter((w) => centreInside(w, reread.bbox));
    if (!acceptReread(reread, normalizeSpaces(inside.map((w) => w.text).join(' ')))) continue;
    const at = inside.length ? words.indexOf(inside[0] as OcrWord) : words.length;
    const kept = words.filter((w) => !inside.includes(w));
    const position = kept.filter((w) => words.indexOf(w) < at).length;
    words = [...kept.slice(0, position), ...reread.words, ...kept.slice(position)];
  }
  const { rereads: _consumed, ...read } = page;
  return { ...read, words };
}
