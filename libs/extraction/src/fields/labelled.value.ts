import type { OcrWord } from '@invoice/contracts';
import { foldAccents, normalizeSpaces } from '../text.normalize.js';

/** A line of words in reading order (a rebuilt row satisfies it). */
export interface WordLine {
  text: string;
  words: readonly OcrWord[];
}

/** A value read from a line, with the words it came from (for its evidence). */
export interface ReadField<T> {
  value: T;
  words: OcrWord[];
}

export interface LabelledValue {
  /** The words of the label. */
  labelWords: OcrWord[];
  /** The text after the label, blanks collapsed. */
  text: string;
  /** The words after the label (a word the label ends inside counts as a value word). */
  words: OcrWord[];
}

/** Lower case, accents folded, typographic apostrophes as ASCII: the form the label patterns are written for. */
export const foldLabelText = (text: string): string =>
  foldAccents(text)
    .toLowerCase()
    .replace(/[\u2018\u2019`´]/g, "'");

/**
 * The words after the first match of `label` on the line. The pattern runs over the folded words joined by
 * single blanks; a label ending inside a word ("Bestell-Nr.:4711") leaves the rest of that word as value.
 */
export function afterLabel(words: readonly OcrWord[], label: RegExp): LabelledValue | null {
  const starts: number[] = [];
  let joined = '';
  for (const word of words) {
    if (joined) joined += ' ';
    starts.push(joined.length);
    joined += foldLabelText(word.text);
  }
  const match = label.exec(joined);
  if (!match) return null;
  const end = match.index + match[0].length;
  const labelWords: OcrWord[] = [];
  const valueWords: OcrWord[] = [];
  let text = '';
  words.forEach((word, i) => {
    const start = starts[i] as number;
    const stop = start + foldLabelText(word.text).length;
    if (stop <= match.index) return;
    if (start < end) labelWords.push(word);
    if (stop > end) {
      valueWords.push(word);
      text += ` ${word.text.slice(Math.max(0, end - start))}`;
    }
  });
  return { labelWords, text: normalizeSpaces(text), words: valueWords };
}
