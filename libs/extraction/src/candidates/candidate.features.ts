import type { DocLine, DocumentModel } from '../document/document.model.js';
import type { LexiconField } from '../lexicon/lexicon.types.js';
import { anchorOf, isLabelLine } from './label.anchors.js';
import { KIND_LABELS, type PlacedLabel, type ValueKind } from './candidate.types.js';
import { joinsRange } from '../lexicon/ranges.js';
import { dateSpans, type ValueSpan } from './value.shapes.js';

/** What the features of one document's candidates are computed against. */
export interface FeatureContext {
  doc: DocumentModel;
  labels: readonly PlacedLabel[];
  /** Every value of the kind in the document, in reading order (for ranks, repetitions). */
  values: readonly (string | number)[];
  counts: ReadonlyMap<string | number, number>;
  maxSize: number;
  /** Precomputed lookups (see {@link indexDocument}). */
  index: DocumentIndex;
}

/** Lookups every candidate needs, computed once per document. */
export interface DocumentIndex {
  blocks: Map<number, DocLine[]>;
  amountCellsInRow: Map<number, number>;
  /** Per line: how many lines of its page start above it. */
  linesAbove: Map<DocLine, number>;
  /** The lines of each text row. */
  linesByRow: Map<number, DocLine[]>;
}

export function indexDocument(doc: DocumentModel): DocumentIndex {
  const blocks = new Map<number, DocLine[]>();
  const amountCellsInRow = new Map<number, number>();
  const linesAbove = new Map<DocLine, number>();
  const linesByRow = new Map<number, DocLine[]>();
  for (const line of doc.lines) {
    blocks.set(line.block, [...(blocks.get(line.block) ?? []), line]);
    linesByRow.set(line.row, [...(linesByRow.get(line.row) ?? []), line]);
    if (/\d[.,]\d{2}/.test(line.text)) amountCellsInRow.set(line.row, (amountCellsInRow.get(line.row) ?? 0) + 1);
  }
  for (const page of new Set(doc.lines.map((l) => l.page))) {
    const lines = doc.lines.filter((l) => l.page === page).sort((a, b) => a.y0 - b.y0);
    lines.forEach((line, i) => linesAbove.set(line, i));
  }
  return { blocks, amountCellsInRow, linesAbove, linesByRow };
}

/** How often each value occurs among a kind's values. */
export function valueCounts(values: readonly (string | number)[]): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const LEGAL_FORM =
  /\b(gmbh|ag|kg|ug|e\.?k|ltd|limited|llc|llp|inc|corp|corporation|co|company|plc|sarl|sas|sasu|sa|eurl|bv|b\.v|nv|n\.v|vof|sl|s\.l|srl|s\.r\.l|spa|s\.p\.a|snc|sdn|bhd|enterprise|enterprises|trading|pvt)\b\.?/i;
/** A name that ends in its legal form ("… GmbH", "… S.A.", "… a.G."): where company names stop. */
export const ENDS_IN_LEGAL_FORM =
  /(?:^|\s)(gmbh|ag|kg|kgaa|ohg|gbr|ug|eg|e\.\s?k\.?|e\.\s?v\.?|a\.\s?g\.?|se|ltd|limited|llc|llp|inc|corp|corporation|co|company|plc|sarl|sas|sasu|sa|s\.a\.?|eurl|bv|b\.v\.?|nv|n\.v\.?|vof|sl|s\.l\.?|srl|s\.r\.l\.?|spa|s\.p\.a\.?|snc|sdn\.?\s?bhd|bhd|pvt|oy|ab|as|aps)\.?$/i;
/** Starts with a small letter: a sentence ("régler par virement sur …") more than a name. */
export const startsSmall = (value: string): boolean => /^\p{Ll}/u.test(value);

/** A line of the form "label: value" ("Nummer: 549910", "Globale Nummer: 4333…"): a field of its own, not a name. */
export const KEY_VALUE = /^[^:]{2,40}:\s*\S/;
const ADDRESS_HINT =
  /\b\d{4,6}\b|\b(street|st|road|rd|avenue|ave|straße|strasse|str|weg|rue|boulevard|via|calle|jalan|lane|platz|laan|straat|plein)\b/i;
const CONTACT_HINT = /@|www\.|https?:|\b(tel|phone|fax|iban|bic|vat|tva|ust|btw|iva|gst)\b/i;

/** Features every candidate has: where it stands on the page, how large, how sure the OCR was, whether a rule reader agrees. */
function commonFeatures(ctx: FeatureContext, line: DocLine, value: string | number, prior: boolean): number[] {
  const count = ctx.counts.get(value) ?? 0;
  return [
    line.rx0,
    line.ry0,
    line.rx1,
    line.ry0 < 0.25 ? 1 : 0,
    line.ry0 > 0.6 ? 1 : 0,
    line.rx0 > 0.5 ? 1 : 0,
    line.page === 0 ? 1 : 0,
    Math.min(3, line.size),
    line.size >= ctx.maxSize * 0.95 ? 1 : 0,
    line.confidence,
    Math.log1p(count),
    prior ? 1 : 0,
    isLabelLine(ctx.labels, line) ? 1 : 0,
  ];
}

function anchorFeatures(ctx: FeatureContext, kind: ValueKind, line: DocLine, span: ValueSpan): number[] {
  const words = line.words.slice(span.start, span.end);
  const box = {
    line,
    start: span.start,
    x0: Math.min(...words.map((w) => w.bbox.x0)),
    y0: Math.min(...words.map((w) => w.bbox.y0)),
    x1: Math.max(...words.map((w) => w.bbox.x1)),
  };
  const height = Math.max(1, ctx.doc.medianHeight);
  return KIND_LABELS[kind].flatMap((field) => {
    const a = anchorOf(ctx.labels, field, box, height, ctx.index.linesByRow);
    return [a.left, a.above];
  });
}

function amountFeatures(ctx: FeatureContext, line: DocLine, span: ValueSpan): number[] {
  const value = span.value as number;
  const amounts = ctx.values as number[];
  const larger = amounts.filter((a) => a > value).length;
  const inRow = ctx.index.amountCellsInRow.get(line.row) ?? 0;
  const text = line.words
    .slice(span.start, span.end)
    .map((w) => w.text)
    .join(' ');
  return [
    larger === 0 ? 1 : 0,
    1 / (1 + larger),
    /[.,]\d{2}\)?-?$/.test(text) ? 1 : 0,
    value < 0 ? 1 : 0,
    span.end === line.words.length ? 1 : 0,
    Math.min(5, inRow) / 5,
    amounts.lastIndexOf(value) / Math.max(1, amounts.length - 1),
    Math.log10(1 + Math.abs(value)) / 6,
  ];
}

/** Whether a label of one of `fields` stands before the span on its line, however far ("Rechnung Nr. 4711 vom 01.02.2024"). */
const afterOnLine = (ctx: FeatureContext, fields: readonly LexiconField[], line: DocLine, span: ValueSpan): number =>
  ctx.labels.some((l) => l.line === line && l.end <= span.start && fields.includes(l.field)) ? 1 : 0;

/** The dates of each line, as `dateSpans` reads them (looked up once per line). */
const LINE_DATES = new WeakMap<DocLine, ValueSpan[]>();

/**
 * Whether the date opens or closes a period: another date of its line stands right before or after it, joined by a
 * range word or dash ("vom 06.12.2013 bis zum 06.12.2014", "01.09.13 - 30.09.13", "du 01/03/2024 au 31/03/2024").
 */
export function boundsPeriod(line: DocLine, span: ValueSpan): boolean {
  let dates = LINE_DATES.get(line);
  if (!dates) LINE_DATES.set(line, (dates = dateSpans(line.words)));
  const between = (start: number, end: number): string =>
    line.words
      .slice(start, end)
      .map((w) => w.text)
      .join(' ');
  return dates.some(
    (d) =>
      (d.end <= span.start && span.start - d.end <= 3 && joinsRange(between(d.end, span.start))) ||
      (d.start >= span.end && d.start - span.end <= 3 && joinsRange(between(span.end, d.start))),
  );
}

function dateFeatures(ctx: FeatureContext, line: DocLine, span: ValueSpan): number[] {
  const distinct = [...new Set(ctx.values as string[])].sort();
  const value = span.value as string;
  const order = (ctx.values as string[]).indexOf(value);
  return [
    order === 0 ? 1 : 0,
    1 / (1 + order),
    value === distinct[0] ? 1 : 0,
    value === distinct[distinct.length - 1] ? 1 : 0,
    Math.min(5, distinct.length) / 5,
    afterOnLine(ctx, ['invoiceNumber', 'invoiceTitle', 'creditNoteTitle'], line, span),
    boundsPeriod(line, span) ? 1 : 0,
  ];
}

function identifierFeatures(span: ValueSpan, line: DocLine): number[] {
  const v = String(span.value);
  const digits = (v.match(/\d/g) ?? []).length;
  return [
    Math.min(20, v.length) / 20,
    digits / v.length,
    /\p{L}/u.test(v) ? 1 : 0,
    /[-_/.]/.test(v) ? 1 : 0,
    /^\d+$/.test(v) ? 1 : 0,
    v.length >= 5 ? 1 : 0,
    line.words.length > 6 ? 1 : 0,
  ];
}

/** Whether every word of a line's span reads as a label (a table header "Menge Produkt", "Your Reference"). */
function onlyLabels(ctx: FeatureContext, line: DocLine, span: ValueSpan): boolean {
  const covered = new Set<number>();
  for (const l of ctx.labels) if (l.line === line) for (let i = l.start; i < l.end; i++) covered.add(i);
  for (let i = span.start; i < span.end; i++) if (!covered.has(i)) return false;
  return span.end > span.start;
}

/** A line that may hold a party's name: letters, not "label: value", not only a label. */
const nameLike = (ctx: FeatureContext, line: DocLine): boolean =>
  /\p{L}{2}/u.test(line.text) && !KEY_VALUE.test(line.text) && !isLabelLine(ctx.labels, line);

/**
 * Whether the line is the first name-like line under a label of `field` in its column (within eight rows): a party's
 * name follows its label even when numbers ("Nummer: 549910") stand between them.
 */
function firstUnderLabel(ctx: FeatureContext, field: LexiconField, line: DocLine): number {
  const height = Math.max(1, ctx.doc.medianHeight);
  for (const label of ctx.labels) {
    if (label.field !== field || label.line.page !== line.page || label.line.row >= line.row || line.y0 - label.y1 > 8 * height * 1.6)
      continue;
    if (Math.abs(label.x0 - line.x0) > 3 * height && (line.x0 > label.x1 || line.x1 < label.x0)) continue;
    const between = ctx.doc.lines.filter(
      (l) => l.page === line.page && l.y0 >= label.y1 - 1 && l.y1 <= line.y0 + 1 && l !== label.line && l.x0 < line.x1 && l.x1 > line.x0,
    );
    if (!between.some((l) => nameLike(ctx, l))) return 1;
  }
  return 0;
}

function nameFeatures(ctx: FeatureContext, line: DocLine, span: ValueSpan): number[] {
  const value = String(span.value);
  const block = ctx.index.blocks.get(line.block) ?? [line];
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  const upper = (value.match(/\p{Lu}/gu) ?? []).length;
  const blockText = block.map((l) => l.text).join(' ');
  const firstOfBlock = block[0] === line ? 1 : 0;
  const rank = ctx.index.linesAbove.get(line) ?? 0;
  return [
    // Prices beside it on its row: an item's description ("Ground coffee | 12 x 3.50 | 42.00"), no party.
    Math.min(2, ctx.index.amountCellsInRow.get(line.row) ?? 0) / 2,
    Math.min(40, letters) / 40,
    letters ? upper / letters : 0,
    LEGAL_FORM.test(value) ? 1 : 0,
    firstOfBlock,
    ADDRESS_HINT.test(blockText) ? 1 : 0,
    CONTACT_HINT.test(blockText) ? 1 : 0,
    /\d/.test(value) ? 1 : 0,
    Math.min(8, value.split(/\s+/).length) / 8,
    1 / (1 + rank),
    Math.min(8, block.length) / 8,
    ENDS_IN_LEGAL_FORM.test(value) ? 1 : 0,
    KEY_VALUE.test(line.text) || value.includes(':') ? 1 : 0,
    onlyLabels(ctx, line, span) ? 1 : 0,
    firstUnderLabel(ctx, 'vendor', line),
    firstUnderLabel(ctx, 'customer', line),
    value.length > line.text.length + 1 ? 1 : 0,
    startsSmall(value) ? 1 : 0,
    lowerInitialShare(value),
    // The recipient's name is the window's first line alone, not joined with the department or street under it.
    underReturnAddress(block, line) && value.length <= line.text.length + 1 ? 1 : 0,
  ];
}

/** Parts of a one-line return address ("Bei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen"). */
const RETURN_ADDRESS_SEPARATOR = /\s[●·•]\s/;

/**
 * Whether the line stands right under a sender's one-line return address in its block: the first line of the
 * address window of a letter (DIN 5008 and its kin), the recipient's name.
 */
function underReturnAddress(block: readonly DocLine[], line: DocLine): boolean {
  const above = block[block.indexOf(line) - 1];
  return above !== undefined && RETURN_ADDRESS_SEPARATOR.test(above.text) && above.y1 <= line.y0 + 1;
}

/** The share of a value's words that start with a small letter: a sentence ("régler par virement sur …") more than a name. */
function lowerInitialShare(value: string): number {
  const words = value.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  return words.length ? words.filter(startsSmall).length / words.length : 0;
}

/** The feature vector of a candidate of `kind` read from `span` of `line`. */
export function candidateFeatures(ctx: FeatureContext, kind: ValueKind, line: DocLine, span: ValueSpan, prior: boolean): number[] {
  const own =
    kind === 'amount'
      ? amountFeatures(ctx, line, span)
      : kind === 'date'
        ? dateFeatures(ctx, line, span)
        : kind === 'identifier'
          ? identifierFeatures(span, line)
          : kind === 'name'
            ? nameFeatures(ctx, line, span)
            : [];
  return [0, 0, 0, 0, ...commonFeatures(ctx, line, span.value, prior), ...anchorFeatures(ctx, kind, line, span), ...own].map((x) =>
    Number.isFinite(x) ? x : 0,
  );
}

/**
 * The features of the "not printed" candidate: a flag, whether the rule reader found nothing, how strong the
 * field's own strongest label is, how many candidates there are; every other feature 0.
 */
export function nullFeatures(ctx: FeatureContext, ownLabel: LexiconField, priorIsNull: boolean, length: number): number[] {
  const strength = ctx.labels.filter((l) => l.field === ownLabel).reduce((m, l) => Math.max(m, l.strength), 0);
  const head = [1, priorIsNull ? 1 : 0, strength, Math.log1p(ctx.values.length)];
  return [...head, ...new Array<number>(Math.max(0, length - head.length)).fill(0)];
}
