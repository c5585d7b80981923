import { buildRows, type Row } from '../rows.builder.js';
import { line } from '../words.fixture.js';

/** Test helper: rows rebuilt from text lines laid one under the other (30 px apart), each from x = 40. */
export function rowsOf(...texts: string[]): Row[] {
  return buildRows(texts.flatMap((text, i) => line(text, 40, 40 + 30 * i)));
}
