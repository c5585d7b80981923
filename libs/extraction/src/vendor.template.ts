import type { BBox, OcrWord } from '@invoice/contracts';
import { parseAmount } from './amount.parser.js';
import { parseDate } from './date.parser.js';
import { matchLabel, type LabelField } from './labels.matcher.js';
import { buildRows, type Row, type Segment } from './rows.builder.js';
import { editDistance, labelKey, normalizeQuotes, normalizeSpaces } from './text.normalize.js';
import { EMAIL_IN_TEXT } from './email.pattern.js';

/**
 * Learned vendor templates: where a vendor's layout prints each field and which label precedes it,
 * learned from a person's corrections and used on the vendor's later invoices.
 *
 * Identity: a template is found by its **layout fingerprint**, not by an exact key. The fingerprint
 * is the set of alphabetic tokens of the page's header (the vendor's own name and address, header
 * labels), counted over the examples learned: tokens every invoice of the layout prints become heavy,
 * a customer's name that varies stays light. A page matches a template by the weighted share of the
 * template's tokens its header contains, lowered when the template's labels are not on it
 * ({@link templateMatchScore}). This works when the vendor name is not extracted (or misread by
 * a letter), and two vendors with the same invoicing software but different names and labels stay apart.
 * {@link vendorKey} only names a new template (a hash of its first page's tokens) so storage has a
 * stable unique key; later pages of the layout are matched by similarity.
 */

export type TemplateValueKind = 'identifier' | 'date' | 'amount' | 'text' | 'email';

/** Fields a template can learn, with how their value is parsed. */
export const TEMPLATE_FIELD_KINDS = {
  invoiceNumber: 'identifier',
  issueDate: 'date',
  dueDate: 'date',
  vendorName: 'text',
  vendorAddress: 'text',
  customerName: 'text',
  customerEmail: 'email',
  customerAddressLine1: 'text',
  customerAddressLine2: 'text',
  subtotal: 'amount',
  taxAmount: 'amount',
  total: 'amount',
} as const satisfies Record<string, TemplateValueKind>;
export type TemplateField = keyof typeof TEMPLATE_FIELD_KINDS;
export const TEMPLATE_FIELDS = Object.keys(TEMPLATE_FIELD_KINDS) as TemplateField[];

/** The box of all words of a page: positions are stored relative to it, so scans of other resolutions or margins compare. */
export interface TextFrame {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** A box relative to the text frame (0..1 on each axis). */
export type RelativeBox = BBox;

/** One way a field was found on the examples: after this label, at this offset, in this region. */
export interface FieldObservation {
  /** {@link labelKey} of the label words ('' when the value had none). */
  label: string;
  /** The label as printed on the last example. */
  labelText: string;
  /** The value is on the label's row to its right, on a row below it, or has no label (position only). */
  relation: 'right' | 'below' | 'none';
  /** Value start relative to the label, in row heights: x from the label's right edge (right) or left edge (below); y between centres. */
  dx: number;
  dy: number;
  /** The label's box and the value's box relative to the text frame (means over the examples). */
  labelBox: RelativeBox | null;
  valueBox: RelativeBox;
  /** How many examples saw the field this way. */
  count: number;
  /**
   * Where the value sits among the words the label leads to (the rest of its row, or the block below), on the
   * latest example: `skip` words that are not punctuation come first ("Nr" in "Rechnung Nr 471102 vom …"), then
   * the value's `length` words. Absent on templates learned without it: the value is read from the first word.
   */
  skip?: number;
  length?: number;
  /** The letters and digits of an identifier on the latest example: OCR may split one identifier into two words ("FAC_2022 3093"). */
  chars?: number;
  /** The page the value is on: the first (absent: the first) or the last one, where a long invoice prints its totals. */
  page?: TemplatePage;
  /**
   * How often this way read the field right (`hits`) and wrong (`misses`) on a later invoice a person then corrected
   * or confirmed: a label that leads to another value on every other invoice is not a place to trust.
   */
  hits?: number;
  misses?: number;
}

export type TemplatePage = 'first' | 'last';

export interface FieldTemplate {
  kind: TemplateValueKind;
  /** Most examples first; at most {@link MAX_OBSERVATIONS}. */
  observations: FieldObservation[];
  /** The examples (document ids) that taught the field, the latest {@link MAX_SOURCES}. */
  sources?: string[];
  /** How many checked invoices of the layout had no value for the field (a person left it empty); a value given resets it. */
  absent?: number;
}

export interface VendorTemplate {
  version: 1;
  /** Corrected invoices learned from. */
  examples: number;
  /** Fingerprint: alphabetic tokens of the examples' pages, with how many examples printed each. */
  tokens: Record<string, number>;
  fields: Partial<Record<TemplateField, FieldTemplate>>;
  /** The examples (document ids) learned from, the latest {@link MAX_SOURCES}. */
  sources?: string[];
}

/** A value read at the learned place. */
/** How much a value seen in one corrected example only is believed, against two or more agreeing ones. */
export const SINGLE_EXAMPLE_SUPPORT = 0.9;

export interface TemplateValue {
  /** null: the layout prints no such value (people left it empty on its invoices: {@link FieldTemplate.absent}). */
  value: string | number | null;
  /** Indexes into the words given to {@link applyTemplate}. */
  wordIndexes: number[];
  /** 0..1: OCR confidence of the words, lower with a single example or a minority of examples, and when found by position only. */
  confidence: number;
  /** Examples that saw the field this way. */
  examples: number;
  /** Found after the learned label, or at the learned position (no label found). */
  via: 'label' | 'position';
  /** The value lies where the examples had it (within {@link NEAR_LEARNED} of the learned box): a label printed twice ("vom") may lead elsewhere. */
  near: boolean;
  /** How often the way it was found read wrong on later invoices a person checked (see {@link FieldObservation.misses}). */
  misses: number;
  /** Which of the field's learned ways found it (its index in the field's observations; -1 for an absent value). */
  observation: number;
}

export type TemplateValues = Partial<Record<TemplateField, TemplateValue>>;

/** Values a person gave (corrected or confirmed), by field; other keys are ignored. */
export type CorrectedFields = Partial<Record<string, unknown>>;

const MAX_OBSERVATIONS = 5;
const MAX_SOURCES = 200;
const MAX_TOKENS = 400;
const MAX_LABEL_WORDS = 4;
const MAX_VALUE_WORDS = 12;
/** A page belongs to a template's layout from this score on (see {@link templateMatchScore}). */
export const TEMPLATE_MATCH_THRESHOLD = 0.5;

// ---------- frame, tokens, identity ----------

/** The box of the words of one page (page 0 when the page is not given). */
export function textFrame(words: readonly OcrWord[], page = 0): TextFrame {
  const onPage = words.filter((w) => w.page === page && w.text.trim());
  if (onPage.length === 0) return { x0: 0, y0: 0, width: 1, height: 1 };
  const x0 = Math.min(...onPage.map((w) => w.bbox.x0));
  const y0 = Math.min(...onPage.map((w) => w.bbox.y0));
  return {
    x0,
    y0,
    width: Math.max(1, Math.max(...onPage.map((w) => w.bbox.x1)) - x0),
    height: Math.max(1, Math.max(...onPage.map((w) => w.bbox.y1)) - y0),
  };
}

const relative = (box: BBox, frame: TextFrame): RelativeBox => ({
  x0: (box.x0 - frame.x0) / frame.width,
  y0: (box.y0 - frame.y0) / frame.height,
  x1: (box.x1 - frame.x0) / frame.width,
  y1: (box.y1 - frame.y0) / frame.height,
});

/** The fingerprint is read from this top share of the page's text block: where a vendor prints its name, address and header labels. */
const HEADER_SHARE = 0.35;

/**
 * The layout fingerprint of one page: the alphabetic words (3+ letters, no digit) of the top
 * {@link HEADER_SHARE} of the first page's text block, as {@link labelKey}s, once each. The header is what
 * tells vendors apart (name, address, header labels); the bottom of a page (totals, payment terms,
 * "thank you") is much the same from one vendor to the next.
 */
export function layoutTokens(words: readonly OcrWord[]): string[] {
  const frame = textFrame(words);
  const limit = frame.y0 + HEADER_SHARE * frame.height;
  const tokens = new Set<string>();
  for (const word of words) {
    if (word.page !== 0 || word.bbox.y0 > limit) continue;
    const text = word.text.trim();
    if (/\d/.test(text) || !/^[\p{L}'’.,:;!?()\-/&]+$/u.test(text)) continue;
    const key = labelKey(text);
    if (key.length >= 3 && /^[a-z]+$/.test(key)) tokens.add(key);
  }
  return [...tokens].sort();
}

/** FNV-1a, 32 bits, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** A stable name for a new template of this page's layout: `layout:` and a hash of its tokens. Later pages are matched by {@link templateMatchScore}, not by this key. */
export function vendorKey(words: readonly OcrWord[]): string {
  const tokens = layoutTokens(words);
  return `layout:${fnv1a(tokens.join(' '))}${fnv1a([...tokens].reverse().join('|'))}`;
}

/**
 * How well a page fits a template, 0..1: the weighted share of the template's fingerprint the page's
 * header contains, lowered by up to half when the template's learned labels are not found on the page.
 */
export function templateMatchScore(template: VendorTemplate, words: readonly OcrWord[]): number {
  return scorePage(template, new Set(layoutTokens(words)), () => buildRows(words.filter((w) => w.page === 0)));
}

function scorePage(template: VendorTemplate, pageTokens: ReadonlySet<string>, rowsOf: () => Row[]): number {
  // Each token weighs (share of the examples that printed it)^2: the words every invoice of the layout
  // prints count fully, a word one customer's invoice printed fades as examples are added.
  let total = 0;
  let found = 0;
  for (const [token, count] of Object.entries(template.tokens)) {
    const weight = (count / Math.max(1, template.examples)) ** 2;
    total += weight;
    if (pageTokens.has(token)) found += weight;
  }
  const tokenShare = total > 0 ? found / total : 0;
  const labels = [
    ...new Set(
      Object.values(template.fields)
        .map((f) => f?.observations[0])
        .filter((o): o is FieldObservation => !!o && o.relation !== 'none' && o.label.length > 0)
        .map((o) => o.label),
    ),
  ];
  if (labels.length === 0) return tokenShare;
  const rows = rowsOf();
  const labelShare = labels.filter((label) => findLabels(rows, label).length > 0).length / labels.length;
  // Labels missing lower the score; labels found cannot raise it above what the header says (receipts of
  // every vendor print "TOTAL").
  return tokenShare * (0.5 + 0.5 * labelShare);
}

/** The template of `templates` this page belongs to (best score at or over the threshold), or null. */
export function matchTemplate<T extends { template: VendorTemplate }>(
  candidates: readonly T[],
  words: readonly OcrWord[],
): { match: T; score: number } | null {
  let best: { match: T; score: number } | null = null;
  const tokens = new Set(layoutTokens(words));
  let rows: Row[] | null = null;
  const rowsOf = (): Row[] => (rows ??= buildRows(words.filter((w) => w.page === 0)));
  for (const candidate of candidates) {
    const score = scorePage(candidate.template, tokens, rowsOf);
    if (score >= TEMPLATE_MATCH_THRESHOLD && (!best || score > best.score)) best = { match: candidate, score };
  }
  return best;
}

// ---------- values ----------

const canonId = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const canonEmail = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

function cleanText(value: string): string | null {
  const text = normalizeSpaces(normalizeQuotes(value)).replace(/^[:\-–.,#\s]+|[:\-–.,\s]+$/g, '');
  return /\p{L}/u.test(text) ? text : null;
}

function cleanIdentifier(value: string): string | null {
  const tokens = value
    .replace(/^[:#.\-–\s]+/, '')
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, ''))
    .filter(Boolean);
  const id = tokens.join('_');
  return /\d/.test(id) ? id : null;
}

/** Reads a value of `kind` from text found at the learned place; null when it does not parse. */
export function parseTemplateValue(kind: TemplateValueKind, text: string): string | number | null {
  switch (kind) {
    case 'date':
      return parseDate(text);
    case 'amount': {
      // The amount is the last number-like run (a currency word may follow, a label word may precede).
      const runs = text.match(/[-(]?\d[\d.,:;'\u2019\u00a0\u202f ]*\d(?:\)?)|\d/g) ?? [];
      for (const run of runs.reverse()) {
        const value = parseAmount(run);
        if (value !== null) return value;
      }
      return null;
    }
    case 'identifier':
      return cleanIdentifier(text);
    case 'email': {
      const joined = text.trim().replace(/\s*([.@])\s*/g, '$1');
      return EMAIL_IN_TEXT.exec(joined)?.[0] ?? null;
    }
    case 'text':
      return cleanText(text);
  }
}

/** Whether the text of a word span reads as the corrected value. Text values tolerate a few OCR errors. */
function spanMatches(kind: TemplateValueKind, text: string, value: unknown): number | null {
  switch (kind) {
    case 'date':
      return typeof value === 'string' && parseDate(text) === value ? 0 : null;
    case 'amount': {
      const amount = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      const parsed = parseAmount(text);
      return parsed !== null && Number.isFinite(amount) && Math.abs(parsed - amount) < 0.005 ? 0 : null;
    }
    case 'identifier':
      return typeof value === 'string' && canonId(text) === canonId(value) && canonId(value).length > 0 ? 0 : null;
    case 'email':
      return typeof value === 'string' && canonEmail(text).replace(/\s*([.@])\s*/g, '$1') === canonEmail(value) ? 0 : null;
    case 'text': {
      if (typeof value !== 'string') return null;
      const a = labelKey(text);
      const b = labelKey(value);
      if (!a || !b) return null;
      const max = Math.floor(b.length * 0.15);
      const d = editDistance(a, b, max);
      return d <= max ? d : null;
    }
  }
}

// ---------- geometry helpers ----------

const isLabelWord = (w: OcrWord): boolean => /\p{L}/u.test(w.text) && !/\d/.test(w.text);
const isPunctuation = (w: OcrWord): boolean => !/[\p{L}\p{N}]/u.test(w.text);
const union = (words: readonly OcrWord[]): BBox => ({
  x0: Math.min(...words.map((w) => w.bbox.x0)),
  y0: Math.min(...words.map((w) => w.bbox.y0)),
  x1: Math.max(...words.map((w) => w.bbox.x1)),
  y1: Math.max(...words.map((w) => w.bbox.y1)),
});
const centerY = (b: BBox): number => (b.y0 + b.y1) / 2;

/** A currency printed before an amount ("RM 12.00", "EUR 5"): part of the value's line, not its label. */
const CURRENCY_WORD = /^(?:rm|myr|eur|euros?|usd|gbp|chf|sgd|us\$|[€$£])[:.]?$/i;

/** The label words at the end of a run of words: trailing letter words (punctuation and a currency right before the value skipped), at most 4. */
function trailingLabel(words: readonly OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (let i = words.length - 1; i >= 0 && out.length < MAX_LABEL_WORDS; i--) {
    const w = words[i] as OcrWord;
    if (isPunctuation(w) || (out.length === 0 && CURRENCY_WORD.test(w.text.trim()))) {
      if (out.length === 0) continue;
      break;
    }
    if (!isLabelWord(w)) break;
    out.unshift(w);
  }
  // A lone letter ("x" of "2 x 10.00") is no label.
  return labelKey(out.map((w) => w.text).join('')).length >= 2 ? out : [];
}

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

function segmentOf(row: Row, word: OcrWord): Segment {
  return row.segments.find((s) => s.words.includes(word)) as Segment;
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
        // Minimal: dropping the first or the last word must lose the match (no label or currency inside).
        const shrinkFirst =
          j - i > 1 &&
          spanMatches(
            kind,
            span
              .slice(1)
              .map((w) => w.text)
              .join(' '),
            value,
          ) !== null;
        const shrinkLast =
          j - i > 1 &&
          spanMatches(
            kind,
            span
              .slice(0, -1)
              .map((w) => w.text)
              .join(' '),
            value,
          ) !== null;
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

// ---------- pages ----------

interface PageView {
  rows: Row[];
  frame: TextFrame;
}

/** The rows and the text frame of the first page and of the last one (the same page on a one-page invoice). */
function pageViews(words: readonly OcrWord[]): Record<TemplatePage, PageView> & { pages: number } {
  const last = words.reduce((max, w) => Math.max(max, w.page), 0);
  const view = (page: number): PageView => ({ rows: buildRows(words.filter((w) => w.page === page)), frame: textFrame(words, page) });
  const first = view(0);
  return { first, last: last === 0 ? first : view(last), pages: last + 1 };
}

// ---------- learning ----------

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
  if (!seen) {
    template.examples += 1;
    if (exampleId !== undefined) template.sources = [...(template.sources ?? []), exampleId].slice(-MAX_SOURCES);
    for (const token of layoutTokens(words)) template.tokens[token] = (template.tokens[token] ?? 0) + 1;
    const kept = Object.entries(template.tokens)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_TOKENS);
    template.tokens = Object.fromEntries(kept);
  }

  const given = TEMPLATE_FIELDS.filter((f) => corrected[f] !== undefined && corrected[f] !== null && corrected[f] !== '');
  if (previous && !seen) scoreReadings(template, applyTemplate(previous, words), corrected);
  if (!seen) learned.push(...learnAbsent(template, corrected));
  const isValue = (text: string): boolean => given.some((f) => spanMatches(TEMPLATE_FIELD_KINDS[f], text, corrected[f]) !== null);
  for (const field of given) {
    const value = corrected[field];
    const kind = TEMPLATE_FIELD_KINDS[field];
    const existing = template.fields[field];
    if (exampleId !== undefined && existing?.sources?.includes(exampleId)) continue;
    // Amounts are looked for on the last page first (a long invoice's totals), the rest on the first.
    const order: TemplatePage[] = kind === 'amount' ? ['last', 'first'] : ['first', 'last'];
    const where = order
      .map((page) => ({ page, candidates: locateValue(views[page].rows, field, value, isValue) }))
      .find((w) => w.candidates.length);
    if (!where) continue;
    const { page, candidates } = where;
    learned.push(field);
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
    if (same) {
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
    } else {
      fieldTemplate.observations.push(observation);
    }
    // Most examples first; among equals, the one after a label the generic extraction knows for the field.
    fieldTemplate.observations.sort(
      (a, b) => b.count - a.count || knownLabel(field, labelWords(b.labelText)) - knownLabel(field, labelWords(a.labelText)),
    );
    fieldTemplate.observations = fieldTemplate.observations.slice(0, MAX_OBSERVATIONS);
    if (exampleId !== undefined) fieldTemplate.sources = [...(fieldTemplate.sources ?? []), exampleId].slice(-MAX_SOURCES);
    template.fields[field] = fieldTemplate;
  }
  return { template, learned };
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

/** Counts, on each way that read a field of this invoice, whether its reading was the value the person gave. */
function scoreReadings(template: VendorTemplate, readings: TemplateValues, corrected: CorrectedFields): void {
  for (const field of TEMPLATE_FIELDS) {
    const reading = readings[field];
    const observation = reading && template.fields[field]?.observations[reading.observation];
    if (!(field in corrected) || !reading || reading.value === null || !observation) continue;
    if (sameTemplateValue(TEMPLATE_FIELD_KINDS[field], reading.value, corrected[field])) observation.hits = (observation.hits ?? 0) + 1;
    else observation.misses = (observation.misses ?? 0) + 1;
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

// ---------- applying ----------

interface LabelHit {
  rowIndex: number;
  words: OcrWord[];
  box: BBox;
}

/** Every run of words in a row whose {@link labelKey} is `label` (one OCR error tolerated per 6 letters). */
function findLabels(rows: readonly Row[], label: string): LabelHit[] {
  const max = label.length >= 6 ? Math.floor(label.length / 6) : 0;
  const hits: LabelHit[] = [];
  rows.forEach((row, rowIndex) => {
    for (let i = 0; i < row.words.length; i++) {
      let key = '';
      // The closest reading from this word ("Facturé à" over "Facturé" for the label "factureà"), the longer among equals.
      let best: { end: number; distance: number } | null = null;
      for (let j = i; j < Math.min(row.words.length, i + MAX_LABEL_WORDS + 1); j++) {
        key += labelKey((row.words[j] as OcrWord).text);
        if (key.length > label.length + max) break;
        const distance = Math.abs(key.length - label.length) <= max ? editDistance(key, label, max) : Infinity;
        if (distance <= max && (!best || distance <= best.distance)) best = { end: j, distance };
      }
      if (best) {
        const words = row.words.slice(i, best.end + 1);
        hits.push({ rowIndex, words, box: union(words) });
      }
    }
  });
  return hits;
}

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

const joined = (words: readonly OcrWord[]): string => words.map((w) => w.text).join(' ');

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

/**
 * Reads the template's fields on a page: for each field, each learned way of finding it (most examples
 * first): the learned label on the page (the occurrence nearest its learned place), then the value to
 * its right or in the block below, parsed by the field's kind; if no label is found, the words at the
 * learned position. The first way that gives a parsable value wins.
 */
export function applyTemplate(template: VendorTemplate, words: readonly OcrWord[]): TemplateValues {
  const indexOf = new Map<OcrWord, number>(words.map((w, i) => [w, i]));
  const views = pageViews(words);
  const out: TemplateValues = {};
  for (const field of TEMPLATE_FIELDS) {
    const fieldTemplate = template.fields[field];
    if (!fieldTemplate) continue;
    for (const [index, observation] of fieldTemplate.observations.entries()) {
      // A way that read wrong more often than right on checked invoices is not used.
      if ((observation.misses ?? 0) > (observation.hits ?? 0)) continue;
      const view = views[observation.page ?? 'first'];
      const found = readObservation(view, fieldTemplate.kind, observation);
      if (!found) continue;
      const { value, words: valueWords, via } = found;
      const ocr = valueWords.reduce((sum, w) => sum + w.confidence, 0) / valueWords.length / 100;
      // One corrected example shows where a field sits; two that agree confirm it. Under the default review
      // threshold (0.91), a value learned from a single example is reviewed unless a check confirms it.
      const support = observation.count >= 2 ? 1 : SINGLE_EXAMPLE_SUPPORT;
      const share = observation.count / Math.max(1, template.examples);
      out[field] = {
        value,
        wordIndexes: valueWords.map((w) => indexOf.get(w)).filter((i): i is number => i !== undefined),
        confidence: Number((Math.max(0, Math.min(1, ocr)) * support * share * (via === 'label' ? 1 : 0.7)).toFixed(3)),
        examples: observation.count,
        via,
        near: nearBox(observation.valueBox, union(valueWords), view.frame),
        misses: observation.misses ?? 0,
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
        misses: 0,
        observation: -1,
      };
  }
  return out;
}

/** One learned way of finding a field on its page: after the learned label (the occurrence nearest its learned place), else at the learned position. */
function readObservation(
  { rows, frame }: PageView,
  kind: TemplateValueKind,
  observation: FieldObservation,
): { value: string | number; words: OcrWord[]; via: TemplateValue['via'] } | null {
  if (observation.relation !== 'none') {
    const hits = findLabels(rows, observation.label).sort(
      (a, b) => distance2(observation.labelBox, a.box, frame) - distance2(observation.labelBox, b.box, frame),
    );
    for (const hit of hits) {
      const led = observation.relation === 'right' ? wordsRightOf(rows[hit.rowIndex] as Row, hit) : wordsBelow(rows, hit, observation);
      const words = valueSpan(kind, led, observation);
      const value = words.length ? parseTemplateValue(kind, joined(words)) : null;
      if (value !== null) return { value, words, via: 'label' };
    }
  }
  const words = wordsInBox(rows, observation.valueBox, frame);
  const value = words.length ? parseTemplateValue(kind, joined(words)) : null;
  return value === null ? null : { value, words, via: 'position' };
}
