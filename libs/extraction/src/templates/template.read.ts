import type { BBox, OcrWord } from '@invoice/contracts';
import type { Row } from '../rows.builder.js';
import {
  centerY,
  findLabels,
  isPunctuation,
  joined,
  pageViews,
  relative,
  segmentOf,
  union,
  type LabelHit,
  type PageView,
} from './template.page.js';
import { canonId, parseTemplateValue, typedMatches } from './template.values.js';
import {
  MAX_VALUE_WORDS,
  SINGLE_EXAMPLE_SUPPORT,
  TEMPLATE_FIELDS,
  type FieldObservation,
  type RelativeBox,
  type TemplateField,
  type TemplateValue,
  type TemplateValueKind,
  type TemplateValues,
  type TextFrame,
  type VendorTemplate,
} from './template.types.js';

/** The words after a label on its row: the rest of its segment, else the next segment. */
function wordsRightOf(row: Row, hit: LabelHit): OcrWord[] {
  const last = hit.words[hit.words.length - 1] as OcrWord;
  const segment = segmentOf(row, last);
  const rest = segment.words.slice(segment.words.indexOf(last) + 1).filter((w) => !isPunctuation(w) || /[@.]/.test(w.text));
  if (rest.length) return segment.words.slice(segment.words.indexOf(last) + 1);
  const next = row.segments[row.segments.indexOf(segment) + 1];
  return next ? next.words : [];
}

/** The block below a label: on the row nearest the learned vertical offset (within 1.5 rows of it), the segment starting nearest the learned horizontal offset. */
function wordsBelow(rows: readonly Row[], hit: LabelHit, observation: FieldObservation): OcrWord[] {
  const row = rows[hit.rowIndex] as Row;
  const h = row.height;
  const labelY = centerY(hit.box);
  const expectedY = labelY + observation.dy * h;
  const expectedX = hit.box.x0 + observation.dx * h;
  let best: { words: OcrWord[]; distance: number } | null = null;
  for (let i = hit.rowIndex + 1; i < rows.length; i++) {
    const below = rows[i] as Row;
    if (below.page !== row.page || below.centerY > expectedY + 1.5 * h) break;
    if (Math.abs(below.centerY - expectedY) > 1.5 * h) continue;
    const segment = [...below.segments]
      .filter((s) => s.bbox.x0 < hit.box.x1 + 2 * h && s.bbox.x1 > hit.box.x0 - 2 * h)
      .sort((a, b) => Math.abs(a.bbox.x0 - expectedX) - Math.abs(b.bbox.x0 - expectedX))[0];
    const distance = Math.abs(below.centerY - expectedY);
    if (segment && (!best || distance < best.distance)) best = { words: segment.words, distance };
  }
  return best?.words ?? [];
}

/** The words whose centre lies in the learned value box (widened by 2% of the frame and half a row). */
function wordsInBox(rows: readonly Row[], box: RelativeBox, frame: TextFrame): OcrWord[] {
  const x0 = frame.x0 + (box.x0 - 0.02) * frame.width;
  const x1 = frame.x0 + (box.x1 + 0.02) * frame.width;
  const y0 = frame.y0 + box.y0 * frame.height;
  const y1 = frame.y0 + box.y1 * frame.height;
  const expected = (y0 + y1) / 2;
  let best: { row: Row; distance: number } | null = null;
  for (const row of rows) {
    if (row.centerY < y0 - row.height || row.centerY > y1 + row.height) continue;
    const distance = Math.abs(row.centerY - expected);
    if (!best || distance < best.distance) best = { row, distance };
  }
  if (!best) return [];
  return best.row.words.filter((w) => {
    const cx = (w.bbox.x0 + w.bbox.x1) / 2;
    return cx >= x0 && cx <= x1;
  });
}

/**
 * An identifier's words: its learned number of words; with the learned count of letters and digits, words are
 * added while fewer are read and the next word has a digit (an identifier OCR split), or taken away while the
 * last word has none ("999 vom" where "1000" was learned).
 */
function identifierSpan(words: readonly OcrWord[], length: number, chars: number | undefined): OcrWord[] {
  const span = words.slice(0, Math.max(1, length));
  if (chars === undefined) return span;
  const count = (ws: readonly OcrWord[]): number => canonId(joined(ws)).length;
  while (span.length < words.length && count(span) < chars && /\d/.test((words[span.length] as OcrWord).text))
    span.push(words[span.length] as OcrWord);
  while (span.length > 1 && count(span) > chars && !/\d/.test((span[span.length - 1] as OcrWord).text)) span.pop();
  return span;
}

/**
 * The value's words among those a label leads to, where the examples had it: after `skip` words (punctuation
 * aside); an identifier is its learned number of words, a date or an amount that many when they read as one,
 * else the fewest that do; a name or an e-mail the rest. Without a learned place, every word.
 */
function valueSpan(kind: TemplateValueKind, words: readonly OcrWord[], observation: FieldObservation): OcrWord[] {
  if (observation.skip === undefined) return [...words];
  let start = 0;
  for (let skipped = 0; start < words.length; start++) {
    const word = words[start] as OcrWord;
    if (!isPunctuation(word)) {
      if (skipped === observation.skip) break;
      skipped++;
    }
  }
  const rest = words.slice(start);
  if (kind === 'text' || kind === 'email') return rest;
  const length = observation.length ?? rest.length;
  if (kind === 'identifier') return identifierSpan(rest, length, observation.chars);
  if (parseTemplateValue(kind, joined(rest.slice(0, length))) !== null) return rest.slice(0, length);
  for (let n = 1; n <= Math.min(rest.length, MAX_VALUE_WORDS); n++)
    if (parseTemplateValue(kind, joined(rest.slice(0, n))) !== null) return rest.slice(0, n);
  return [];
}

/** How far (share of the text frame, each axis) a value may lie from its learned box and still be where the examples had it. */
export const NEAR_LEARNED = 0.1;

function nearBox(learned: RelativeBox, box: BBox, frame: TextFrame): boolean {
  const r = relative(box, frame);
  return Math.abs(r.x0 - learned.x0) <= NEAR_LEARNED && Math.abs(r.y0 - learned.y0) <= NEAR_LEARNED;
}

const distance2 = (a: RelativeBox | null, b: BBox, frame: TextFrame): number => {
  if (!a) return 0;
  const r = relative(b, frame);
  return (a.x0 - r.x0) ** 2 + (a.y0 - r.y0) ** 2;
};

/** A way's share of right readings on checked invoices, smoothed: 0.5 for a way never checked. */
const record = (o: FieldObservation): number => ((o.hits ?? 0) + 1) / ((o.hits ?? 0) + (o.misses ?? 0) + 2);

/** A field's learned ways with their indexes, the one that read right most often on checked invoices first, then the most examples. */
function byRecord(observations: readonly FieldObservation[]): [number, FieldObservation][] {
  return [...observations.entries()].sort(([i, a], [j, b]) => record(b) - record(a) || b.count - a.count || i - j);
}

/**
 * How far a way is believed: the share of the layout's examples that showed the field there, or, once invoices a
 * person checked scored it, its share of right readings among them (one more reading counted wrong, so a record
 * must be long to count fully) when that is higher or when it read wrong at all.
 */
function reliability(observation: FieldObservation, examples: number): number {
  const hits = observation.hits ?? 0;
  const misses = observation.misses ?? 0;
  const rightShare = hits / (hits + misses + 1);
  return misses ? rightShare : Math.max(observation.count / Math.max(1, examples), rightShare);
}

/**
 * Reads the template's fields on a page: for each field, each learned way of finding it (the best record on checked
 * invoices first, then the most examples): the learned label on the page ({@link readObservation} says which
 * occurrence), then the value to its right or in the block below, parsed by the field's kind; if no label is found, the
 * words at the learned position. The first way that gives a parsable value wins. `views`: the page's rows and frames when the
 * caller has them already.
 */
export function applyTemplate(template: VendorTemplate, words: readonly OcrWord[], views = pageViews(words)): TemplateValues {
  const indexOf = new Map<OcrWord, number>(words.map((w, i) => [w, i]));
  const out: TemplateValues = {};
  for (const field of TEMPLATE_FIELDS) {
    const fieldTemplate = template.fields[field];
    if (!fieldTemplate) continue;
    const typed = fieldTemplate.typed ? findTyped(views.first.rows, fieldTemplate.typed.text) : null;
    if (typed) {
      out[field] = typedValue(fieldTemplate.typed as { text: string; count: number }, typed, indexOf);
      continue;
    }
    for (const [index, observation] of byRecord(fieldTemplate.observations)) {
      const hits = observation.hits ?? 0;
      const misses = observation.misses ?? 0;
      // A way that read wrong more often than right on checked invoices is not used.
      if (misses > hits) continue;
      const found = readObservation(views[observation.page ?? 'first'], fieldTemplate.kind, observation);
      if (!found) continue;
      const { value, words: valueWords, via, near } = found;
      const ocr = valueWords.reduce((sum, w) => sum + w.confidence, 0) / valueWords.length / 100;
      // One corrected example shows where a field sits; two that agree confirm it. Under the default review
      // threshold (0.91), a value learned from a single example is reviewed unless a check confirms it.
      const support = observation.count >= 2 ? 1 : SINGLE_EXAMPLE_SUPPORT;
      out[field] = {
        value,
        wordIndexes: valueWords.map((w) => indexOf.get(w)).filter((i): i is number => i !== undefined),
        confidence: Number(
          (Math.max(0, Math.min(1, ocr)) * support * reliability(observation, template.examples) * (via === 'label' ? 1 : 0.7)).toFixed(3),
        ),
        examples: observation.count,
        via,
        near,
        hits,
        misses,
        observation: index,
      };
      break;
    }
    if (!out[field] && fieldTemplate.absent)
      out[field] = {
        value: null,
        wordIndexes: [],
        confidence: SINGLE_EXAMPLE_SUPPORT,
        examples: fieldTemplate.absent,
        via: 'position',
        near: true,
        hits: 0,
        misses: 0,
        observation: -1,
      };
  }
  return out;
}

/** Lines a vendor's name or address is looked for over (an address block). */
const MAX_TYPED_LINES = 6;

/**
 * Where the page prints `text` (what a person typed for the vendor), read with OCR slips only ({@link typedMatches}):
 * a run of words within one line, or whole consecutive lines (an address block); the first from the top.
 */
export function findTyped(rows: readonly Row[], text: string): OcrWord[] | null {
  const reads = (words: readonly OcrWord[]): boolean => typedMatches(joined(words), text);
  for (const [r, row] of rows.entries()) {
    const n = row.words.length;
    for (let i = 0; i < n; i++) for (let j = n; j > i; j--) if (reads(row.words.slice(i, j))) return row.words.slice(i, j);
    for (let k = 2; k <= MAX_TYPED_LINES && r + k <= rows.length; k++) {
      const block = rows.slice(r, r + k).flatMap((line) => line.words);
      if (reads(block)) return block;
    }
  }
  return null;
}

/** The typed text as the field's value, at the words that print it: as sure as the invoices that gave it agree. */
function typedValue(
  typed: { text: string; count: number },
  words: readonly OcrWord[],
  indexOf: ReadonlyMap<OcrWord, number>,
): TemplateValue {
  return {
    value: typed.text,
    wordIndexes: words.map((w) => indexOf.get(w)).filter((i): i is number => i !== undefined),
    confidence: typed.count >= 2 ? 1 : SINGLE_EXAMPLE_SUPPORT,
    examples: typed.count,
    via: 'position',
    near: true,
    hits: 0,
    misses: 0,
    observation: -1,
    typed: true,
  };
}

/**
 * What every learned way of finding each field reads on a page (by the way's index; null: nothing parsable), the
 * ways {@link applyTemplate} skips included: a checked invoice scores each way, so one that read wrong once can earn
 * its trust back on the layout's next invoices.
 */
export function readEveryWay(
  template: VendorTemplate,
  views: ReturnType<typeof pageViews>,
): Partial<Record<TemplateField, (string | number | null)[]>> {
  const out: Partial<Record<TemplateField, (string | number | null)[]>> = {};
  for (const field of TEMPLATE_FIELDS) {
    const fieldTemplate = template.fields[field];
    if (!fieldTemplate) continue;
    out[field] = fieldTemplate.observations.map(
      (observation) => readObservation(views[observation.page ?? 'first'], fieldTemplate.kind, observation)?.value ?? null,
    );
  }
  return out;
}

/** What one learned way read: the value, its words, how it was found, and whether it lies where the examples had it. */
interface Reading {
  value: string | number;
  words: OcrWord[];
  via: TemplateValue['via'];
  near: boolean;
}

/**
 * One learned way of finding a field on its page: after the learned label (of its occurrences, nearest its learned
 * place first, the first whose value lies where the examples had it, else the first with a value), else at the learned
 * position; a value the way read wrong on a checked invoice before is passed over.
 */
function readObservation({ rows, frame }: PageView, kind: TemplateValueKind, observation: FieldObservation): Reading | null {
  const wrong = new Set(observation.wrong ?? []);
  const near = (words: readonly OcrWord[]): boolean => nearBox(observation.valueBox, union(words), frame);
  if (observation.relation !== 'none') {
    const hits = findLabels(rows, observation.label).sort(
      (a, b) => distance2(observation.labelBox, a.box, frame) - distance2(observation.labelBox, b.box, frame),
    );
    // A label printed twice ("vom" in a title and in a version line): the reading where the examples had the value wins.
    let far: Reading | null = null;
    for (const hit of hits) {
      const led = observation.relation === 'right' ? wordsRightOf(rows[hit.rowIndex] as Row, hit) : wordsBelow(rows, hit, observation);
      const words = valueSpan(kind, led, observation);
      const value = words.length ? parseTemplateValue(kind, joined(words)) : null;
      if (value === null || wrong.has(String(value))) continue;
      if (near(words)) return { value, words, via: 'label', near: true };
      far ??= { value, words, via: 'label', near: false };
    }
    if (far) return far;
  }
  const words = wordsInBox(rows, observation.valueBox, frame);
  const value = words.length ? parseTemplateValue(kind, joined(words)) : null;
  return value === null || wrong.has(String(value)) ? null : { value, words, via: 'position', near: near(words) };
}
