import type { BBox, OcrWord } from '@invoice/contracts';
import { matchLabel, type LabelField } from '../labels.matcher.js';
import type { Row } from '../rows.builder.js';
import { labelKey, normalizeSpaces } from '../text.normalize.js';
import { layoutTokens } from './template.match.js';
import { centerY, CURRENCY_WORD, isPunctuation, joined, pageViews, relative, segmentOf, trailingLabel, union } from './template.page.js';
import { readEveryWay } from './template.read.js';
import { canonEmail, canonId, spanMatches, typedMatches } from './template.values.js';
import {
  MAX_OBSERVATIONS,
  MAX_WRONG_VALUES,
  MAX_SOURCES,
  MAX_TOKENS,
  MAX_LABEL_WORDS,
  MAX_VALUE_WORDS,
  TEMPLATE_FIELD_KINDS,
  TEMPLATE_FIELDS,
  type CorrectedFields,
  type FieldObservation,
  type FieldTemplate,
  type TemplateField,
  type TemplatePage,
  type TemplateValueKind,
  type TextFrame,
  type RelativeBox,
  type VendorTemplate,
} from './template.types.js';

interface Located {
  rowIndex: number;
  words: OcrWord[];
  box: BBox;
  distance: number;
  label: OcrWord[];
  relation: 'right' | 'below' | 'none';
  rowHeight: number;
  /** Words that are not punctuation between the label (or the start of the value's block) and the value. */
  skip: number;
}

/**
 * The label of a value found at `words` in row `rowIndex`: letters before it on its row, else the
 * nearest block above it (within 7 row heights) that is not itself a corrected value (`isValue`): a
 * customer's address is anchored on the "Customer" heading, not on the customer's name above it.
 */
function labelFor(
  rows: readonly Row[],
  rowIndex: number,
  words: readonly OcrWord[],
  isValue: (text: string) => boolean,
): Pick<Located, 'label' | 'relation'> {
  const row = rows[rowIndex] as Row;
  const first = words[0] as OcrWord;
  const segment = segmentOf(row, first);
  const before = segment.words.slice(0, segment.words.indexOf(first));
  let label = before.length ? trailingLabel(before) : [];
  // Nothing but punctuation or a currency before the value in its segment: the label is the segment before.
  if (!label.length && before.every((w) => isPunctuation(w) || CURRENCY_WORD.test(w.text.trim()))) {
    const previous = row.segments[row.segments.indexOf(segment) - 1];
    if (previous) label = trailingLabel(previous.words);
  }
  if (label.length) return { label, relation: 'right' };
  const box = union(words);
  for (let i = rowIndex - 1; i >= 0; i--) {
    const above = rows[i] as Row;
    if (above.page !== row.page || row.centerY - above.centerY > 7 * row.height) break;
    const block = above.segments.find((s) => s.bbox.x0 < box.x1 && s.bbox.x1 > box.x0 - row.height);
    if (!block) continue;
    if (isValue(block.text)) continue;
    const head = block.words.slice(0, MAX_LABEL_WORDS + 2);
    const words = trailingLabel(head);
    const meaningful = head.filter((w) => !isPunctuation(w)).length;
    return words.length && words.length === meaningful ? { label: words, relation: 'below' } : { label: [], relation: 'none' };
  }
  return { label: [], relation: 'none' };
}

/** Words that are not punctuation between the value and its label on its row, or the start of its block below a heading. */
function wordsBefore(row: Row, first: OcrWord, labelled: Pick<Located, 'label' | 'relation'>): number {
  const count = (words: readonly OcrWord[]): number => words.filter((w) => !isPunctuation(w)).length;
  if (labelled.relation === 'right') {
    const end = row.words.indexOf(labelled.label[labelled.label.length - 1] as OcrWord);
    return count(row.words.slice(end + 1, row.words.indexOf(first)));
  }
  if (labelled.relation === 'below') {
    const segment = segmentOf(row, first);
    return count(segment.words.slice(0, segment.words.indexOf(first)));
  }
  return 0;
}

/** Every minimal run of words of a row that reads as the value, best first. */
function locateValue(rows: readonly Row[], field: TemplateField, value: unknown, isValue: (text: string) => boolean): Located[] {
  const kind = TEMPLATE_FIELD_KINDS[field];
  const found: Located[] = [];
  rows.forEach((row, rowIndex) => {
    const n = row.words.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j <= Math.min(n, i + MAX_VALUE_WORDS); j++) {
        const span = row.words.slice(i, j);
        const text = span.map((w) => w.text).join(' ');
        const distance = spanMatches(kind, text, value);
        if (distance === null) continue;
        // Minimal: dropping the first or the last word must lose the match or read it worse (no label or currency
        // inside; a text read with a few slips keeps its house number, which it still matches without).
        const readsAsWell = (words: readonly OcrWord[]): boolean => {
          const shrunk = spanMatches(kind, words.map((w) => w.text).join(' '), value);
          return shrunk !== null && shrunk <= distance;
        };
        const shrinkFirst = j - i > 1 && readsAsWell(span.slice(1));
        const shrinkLast = j - i > 1 && readsAsWell(span.slice(0, -1));
        if (shrinkFirst || shrinkLast) continue;
        const labelled = labelFor(rows, rowIndex, span, isValue);
        found.push({
          rowIndex,
          words: span,
          box: union(span),
          distance,
          rowHeight: row.height,
          ...labelled,
          skip: wordsBefore(row, span[0] as OcrWord, labelled),
        });
        break;
      }
    }
  });
  // Closest reading first, then labelled on its row, then under a heading, then after a label the generic
  // extraction knows for the field; among equals an amount is taken lowest on the page (a total is printed
  // under the lines that may carry the same amount), anything else highest.
  return found.sort(
    (a, b) =>
      a.distance - b.distance ||
      rank(a) - rank(b) ||
      knownLabel(field, b.label) - knownLabel(field, a.label) ||
      (kind === 'amount' ? b.rowIndex - a.rowIndex : a.rowIndex - b.rowIndex),
  );
}

/** The generic extraction's label of each field, where it has one. */
const GENERIC_LABEL: Partial<Record<TemplateField, LabelField>> = {
  invoiceNumber: 'title',
  issueDate: 'issueDate',
  customerName: 'billTo',
  customerEmail: 'email',
  customerAddressLine1: 'address',
  total: 'total',
};

/**
 * 1 when the label starts with a label the generic extraction knows for the field ("TOTAL incl. GST"):
 * among equally good places, the one that says what it is (a receipt's cash line under the total often
 * carries the same amount).
 */
function knownLabel(field: TemplateField, words: readonly Pick<OcrWord, 'text'>[]): number {
  const generic = GENERIC_LABEL[field];
  return generic && words.length && matchLabel(words)?.label.field === generic ? 1 : 0;
}
const labelWords = (text: string): { text: string }[] =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => ({ text: t }));

const rank = (l: Located): number => (l.relation === 'right' ? 0 : l.relation === 'below' ? 1 : 2);

/**
 * Learns from one corrected invoice: for each corrected field of a kind the template knows, finds the
 * words that read as the corrected value, the label before them (on their row, or the block above) and
 * their place, and merges that with what `previous` learned (same label and relation: one more
 * example; else a new way of finding the field). Fields whose value is not on the page are skipped.
 */
export function learnTemplate(
  words: readonly OcrWord[],
  corrected: CorrectedFields,
  previous?: VendorTemplate | null,
  exampleId?: string,
): VendorTemplate {
  return learnFromPage(words, corrected, previous, exampleId).template;
}

/**
 * {@link learnTemplate}, also telling which corrected fields were found on the page (none: nothing to
 * learn). With `exampleId` (the document), a document counts once: corrected again, it adds no example,
 * and a field it already taught is not counted twice (two agreeing examples are two invoices).
 */
export function learnFromPage(
  words: readonly OcrWord[],
  corrected: CorrectedFields,
  previous?: VendorTemplate | null,
  exampleId?: string,
): { template: VendorTemplate; learned: TemplateField[] } {
  const learned: TemplateField[] = [];
  const views = pageViews(words);
  const template: VendorTemplate = previous
    ? {
        version: 1,
        examples: previous.examples,
        tokens: { ...previous.tokens },
        fields: structuredClone(previous.fields),
        sources: [...(previous.sources ?? [])],
      }
    : { version: 1, examples: 0, tokens: {}, fields: {}, sources: [] };
  const seen = exampleId !== undefined && (template.sources ?? []).includes(exampleId);
  const given = TEMPLATE_FIELDS.filter((f) => corrected[f] !== undefined && corrected[f] !== null && corrected[f] !== '');
  if (previous && !seen) scoreReadings(template, readEveryWay(previous, views), corrected);
  if (!seen) learned.push(...learnAbsent(template, corrected));
  const isValue = (text: string): boolean => given.some((f) => spanMatches(TEMPLATE_FIELD_KINDS[f], text, corrected[f]) !== null);
  const valueWords = new Set<OcrWord>();
  for (const field of given) {
    const existing = template.fields[field];
    if (exampleId !== undefined && existing?.sources?.includes(exampleId)) continue;
    const found = learnField(template, field, corrected[field], views, isValue);
    if (!found) continue;
    learned.push(field);
    if (!VENDOR_FIELDS.includes(field)) for (const word of found.words) valueWords.add(word);
    const fieldTemplate = template.fields[field] as FieldTemplate;
    if (exampleId !== undefined) fieldTemplate.sources = [...(fieldTemplate.sources ?? []), exampleId].slice(-MAX_SOURCES);
  }
  if (!seen) learned.push(...learnTyped(template, corrected));
  if (!seen) addExample(template, words, valueWords, exampleId);
  return { template, learned: [...new Set(learned)] };
}

/**
 * The vendor's name and address as the person gave them: the same text (or one it reads as with OCR slips) as before
 * counts one more invoice, another replaces it. Kept whether or not the page's words read as it.
 */
function learnTyped(template: VendorTemplate, corrected: CorrectedFields): TemplateField[] {
  const learned: TemplateField[] = [];
  for (const field of VENDOR_FIELDS) {
    const value = corrected[field];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const fieldTemplate = template.fields[field] ?? { kind: TEMPLATE_FIELD_KINDS[field], observations: [] };
    const known = fieldTemplate.typed;
    fieldTemplate.typed = known && typedMatches(value, known.text) ? { text: value, count: known.count + 1 } : { text: value, count: 1 };
    template.fields[field] = fieldTemplate;
    learned.push(field);
  }
  return learned;
}

/** The vendor's own fields: printed the same on every invoice of the layout, so their words belong to its fingerprint. */
const VENDOR_FIELDS: readonly TemplateField[] = ['vendorName', 'vendorAddress'];

/**
 * One more example of the layout: its fingerprint tokens counted, without the words of the values a person gave
 * (a customer's name and address, a month name of a date change from one invoice to the next; the vendor's own stay).
 */
function addExample(template: VendorTemplate, words: readonly OcrWord[], valueWords: ReadonlySet<OcrWord>, exampleId?: string): void {
  template.examples += 1;
  if (exampleId !== undefined) template.sources = [...(template.sources ?? []), exampleId].slice(-MAX_SOURCES);
  for (const token of layoutTokens(words, valueWords)) template.tokens[token] = (template.tokens[token] ?? 0) + 1;
  const kept = Object.entries(template.tokens)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TOKENS);
  template.tokens = Object.fromEntries(kept);
}

/** Learns where one field's value is printed (merged with the way the template knows, if the same); the value's words, or null when not on the page. */
function learnField(
  template: VendorTemplate,
  field: TemplateField,
  value: unknown,
  views: ReturnType<typeof pageViews>,
  isValue: (text: string) => boolean,
): Located | null {
  const kind = TEMPLATE_FIELD_KINDS[field];
  const existing = template.fields[field];
  // Amounts are looked for on the last page first (a long invoice's totals), the rest on the first.
  const order: TemplatePage[] = kind === 'amount' ? ['last', 'first'] : ['first', 'last'];
  const where = order
    .map((page) => ({ page, candidates: locateValue(views[page].rows, field, value, isValue) }))
    .find((w) => w.candidates.length);
  if (!where) return null;
  const { page, candidates } = where;
  // Prefer the place the template already knows, else the best-labelled match.
  const known = existing?.observations ?? [];
  const chosen =
    candidates.find((c) => known.some((o) => o.relation === c.relation && o.label === labelKey(c.label.map((w) => w.text).join('')))) ??
    (candidates[0] as Located);
  const observation: FieldObservation = { ...observe(chosen, views[page].frame), ...(page === 'last' && views.pages > 1 && { page }) };
  const fieldTemplate: FieldTemplate = existing ?? { kind, observations: [] };
  const same = fieldTemplate.observations.find(
    (o) => o.label === observation.label && o.relation === observation.relation && (o.page ?? 'first') === (observation.page ?? 'first'),
  );
  if (same) mergeObservation(same, observation);
  else fieldTemplate.observations.push(observation);
  // Most examples first; among equals, the one after a label the generic extraction knows for the field.
  fieldTemplate.observations.sort(
    (a, b) => b.count - a.count || knownLabel(field, labelWords(b.labelText)) - knownLabel(field, labelWords(a.labelText)),
  );
  fieldTemplate.observations = fieldTemplate.observations.slice(0, MAX_OBSERVATIONS);
  template.fields[field] = fieldTemplate;
  return chosen;
}

/** One more example of a way the template knows: places averaged, the latest value's extent kept. */
function mergeObservation(same: FieldObservation, observation: FieldObservation): void {
  const k = same.count;
  const mean = (a: number, b: number): number => (a * k + b) / (k + 1);
  same.dx = mean(same.dx, observation.dx);
  same.dy = mean(same.dy, observation.dy);
  same.valueBox = meanBox(same.valueBox, observation.valueBox, k);
  same.labelBox = same.labelBox && observation.labelBox ? meanBox(same.labelBox, observation.labelBox, k) : observation.labelBox;
  same.labelText = observation.labelText;
  same.skip = observation.skip;
  same.length = observation.length;
  same.chars = observation.chars;
  same.count += 1;
}

/** A field a person left empty (null) is one more invoice of the layout without it; a value given resets the count. */
function learnAbsent(template: VendorTemplate, corrected: CorrectedFields): TemplateField[] {
  const learned: TemplateField[] = [];
  for (const field of TEMPLATE_FIELDS) {
    if (!(field in corrected)) continue;
    const empty = corrected[field] === null || corrected[field] === '';
    const existing = template.fields[field];
    if (!empty) {
      if (existing?.absent) existing.absent = 0;
      continue;
    }
    const fieldTemplate = existing ?? { kind: TEMPLATE_FIELD_KINDS[field], observations: [] };
    fieldTemplate.absent = (fieldTemplate.absent ?? 0) + 1;
    template.fields[field] = fieldTemplate;
    learned.push(field);
  }
  return learned;
}

/**
 * Counts, on every way the template knows for a field of this invoice, whether what it reads is the value the person
 * gave: the way the template used and the ones it skipped or ranked lower alike.
 */
function scoreReadings(template: VendorTemplate, readings: ReturnType<typeof readEveryWay>, corrected: CorrectedFields): void {
  for (const field of TEMPLATE_FIELDS) {
    if (!(field in corrected)) continue;
    for (const [index, value] of (readings[field] ?? []).entries()) {
      const observation = template.fields[field]?.observations[index];
      if (value === null || !observation) continue;
      if (sameTemplateValue(TEMPLATE_FIELD_KINDS[field], value, corrected[field])) observation.hits = (observation.hits ?? 0) + 1;
      else {
        observation.misses = (observation.misses ?? 0) + 1;
        observation.wrong = [...(observation.wrong ?? []).filter((w) => w !== String(value)), String(value)].slice(-MAX_WRONG_VALUES);
      }
    }
  }
}

/** Whether a template's reading is the value a person gave, compared as the field's kind is. */
export function sameTemplateValue(kind: TemplateValueKind, read: string | number, given: unknown): boolean {
  if (kind === 'amount')
    return typeof given === 'number' || typeof given === 'string' ? Math.abs(Number(read) - Number(given)) < 0.005 : false;
  if (typeof given !== 'string') return false;
  if (kind === 'text') return spanMatches('text', String(read), given) !== null;
  if (kind === 'identifier') return canonId(String(read)) === canonId(given);
  if (kind === 'email') return canonEmail(String(read)) === canonEmail(given);
  return read === given;
}

function meanBox(a: RelativeBox, b: RelativeBox, k: number): RelativeBox {
  const m = (p: number, q: number): number => (p * k + q) / (k + 1);
  return { x0: m(a.x0, b.x0), y0: m(a.y0, b.y0), x1: m(a.x1, b.x1), y1: m(a.y1, b.y1) };
}

function observe(found: Located, frame: TextFrame): FieldObservation {
  const h = Math.max(1, found.rowHeight);
  const labelBox = found.label.length ? union(found.label) : null;
  return {
    label: labelKey(found.label.map((w) => w.text).join('')),
    labelText: normalizeSpaces(found.label.map((w) => w.text).join(' ')),
    relation: found.relation,
    dx: labelBox ? (found.relation === 'right' ? found.box.x0 - labelBox.x1 : found.box.x0 - labelBox.x0) / h : 0,
    dy: labelBox ? (centerY(found.box) - centerY(labelBox)) / h : 0,
    labelBox: labelBox ? relative(labelBox, frame) : null,
    valueBox: relative(found.box, frame),
    count: 1,
    skip: found.skip,
    length: found.words.length,
    chars: canonId(joined(found.words)).length,
  };
}
