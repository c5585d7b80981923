import type { DocLine, DocumentModel } from '../document/document.model.js';
import { readsMonthFirst } from '../date.parser.js';
import { lookupLabel } from '../lexicon/lexicon.matcher.js';
import { closesLetter, isSalutation, opensLetter } from '../lexicon/salutations.js';
import { labelKey, normalizeQuotes, normalizeSpaces } from '../text.normalize.js';
import {
  ENDS_IN_LEGAL_FORM,
  KEY_VALUE,
  candidateFeatures,
  indexDocument,
  nullFeatures,
  startsSmall,
  valueCounts,
  type FeatureContext,
} from './candidate.features.js';
import {
  FIELD_KIND,
  OWN_LABEL,
  SCORED_FIELDS,
  type Candidate,
  type PlacedLabel,
  type PriorValues,
  type ScoredField,
  type ValueKind,
} from './candidate.types.js';
import { isColumnLabel } from '../tables/column.matcher.js';
import { isLabelLine, placeLabels } from './label.anchors.js';
import { amountSpans, currencySpans, dateSpans, identifierSpans, type ValueSpan } from './value.shapes.js';

const cleanText = (text: string): string => normalizeSpaces(normalizeQuotes(text)).replace(/^[:\-–.,\s]+|[:\-–,\s]+$/g, '');
/** A registration number or note in brackets after a name: "(519537-X)". */
const TRAILING_NOTE = /\s*\([^)]*\d[^)]*\)?\s*$/;

/**
 * A name's words up to its legal form when a person's name (two words or more) follows it ("ELEKTRON GmbH Max
 * Mustermann" -> "ELEKTRON GmbH"); null when the name ends in its legal form or one word follows it ("Rohstoff AG
 * Salzgitter").
 */
export function upToLegalForm(value: string): string | null {
  const words = value.split(' ');
  if (ENDS_IN_LEGAL_FORM.test(value)) return null;
  for (let i = words.length - 2; i >= 2; i--) {
    const head = words.slice(0, i).join(' ');
    if (ENDS_IN_LEGAL_FORM.test(head)) return head;
  }
  return null;
}

const PARTY_LABELS = new Set(['vendor', 'customer']);
const TITLE_LABELS = new Set(['invoiceTitle', 'creditNoteTitle', 'receiptTitle']);

/**
 * Names after a party's label inside a line ("Naam klant: Jan Jansen Adres klant: …", "Address: Invoice For: Alpine
 * Ski House"): the words after the label up to the next label or a word ending in a colon, six at most.
 * A label that starts the line counts when more follows the name.
 */
function labelledNames(line: DocLine, own: readonly PlacedLabel[]): ValueSpan[] {
  const out: ValueSpan[] = [];
  for (const label of own.filter((l) => PARTY_LABELS.has(l.field))) {
    let end = label.end;
    while (end < line.words.length && end - label.end < 6 && !own.some((l) => l.start === end) && !/:$/.test(line.words[end]?.text ?? ''))
      end++;
    // A label that starts the line and runs to its end is the line's own name (see lineNames).
    if (label.start === 0 && end === line.words.length) continue;
    const value = cleanText(
      line.words
        .slice(label.end, end)
        .map((w) => w.text)
        .join(' '),
    );
    // Words after the label that start with a small letter are a sentence ("Facture à régler par virement …"), not a name.
    if ((value.match(/\p{L}/gu) ?? []).length >= 2 && !/:/.test(value) && !startsSmall(value)) out.push({ value, start: label.end, end });
  }
  return out;
}

/** Parts of a line printed as one: "Name - street - town", "Name | phone". */
const PART_SEPARATOR = /\s[-|·•●]\s/;

/** Letters, not too long, no e-mail or web address, not an exclamation or a question: what a party's name looks like. */
const nameSized = (value: string): boolean =>
  (value.match(/\p{L}/gu) ?? []).length >= 2 &&
  value.length <= 70 &&
  value.split(' ').length <= 9 &&
  !/@|www\.|https?:/i.test(value) &&
  !/[!?]$/.test(value);

/** One token of letters and three digits or more ("GE2020211", "DE-4711"): an identifier, never a party's name. */
const IDENTIFIER_SHAPED = /^(?=(?:\D*\d){3})[\p{L}\d./-]+$/u;

/** An amount with cents ("4.36 Euro", "11838,50"): a price line, never a party's name. */
const HOLDS_MONEY = /(?<![\d.,])\d{1,3}(?:[.,' ]?\d{3})*[.,]\d{2}(?![\d.,])/;

const DOCUMENT_TITLES = new Set(['invoiceTitle', 'creditNoteTitle']);
/** Plural endings of the six languages' title words ("invoices", "factures", "Rechnungen"). */
const PLURAL_ENDINGS = ['s', 'es', 'en', 'n'];
/** Words already looked up (names are read again and again: the same letterheads, the same headings). */
const TITLE_WORDS = new Map<string, boolean>();

/**
 * Whether a word is a document's title, alone, in the plural or as the end of a compound ("Rechnung", "invoices",
 * "Beitragsrechnung", "ZUGFeRD-Rechnungen"): a title or a heading names the document, never a party.
 */
function isTitleWord(word: string): boolean {
  const known = TITLE_WORDS.get(word);
  if (known !== undefined) return known;
  if (TITLE_WORDS.size >= 20_000) TITLE_WORDS.clear();
  const title = word.split('-').some((part) => {
    const key = labelKey(part);
    const singulars = PLURAL_ENDINGS.filter((end) => key.endsWith(end)).map((end) => key.slice(0, -end.length));
    return [key, ...singulars].some(
      (k) => k.length >= 5 && (lookupLabel(k)?.entries ?? []).some((e) => DOCUMENT_TITLES.has(e.field) && k.endsWith(e.key)),
    );
  });
  TITLE_WORDS.set(word, title);
  return title;
}

/**
 * The town line of a postal address: a postcode before the town ("75001 Paris", "D-12345 Berlin", "1012 AB
 * Amsterdam") or a state and ZIP code after it ("Norwood, GA 36950").
 */
const TOWN_LINE = /^(?:[A-Z]{1,2}-)?\d{4,5}(?:\s[A-Z]{2})?\s\p{L}[\p{L}'. -]*$|^[\p{L}'. -]+,?\s[A-Z]{2}\s\d{5}(?:-\d{4})?$/u;

/** A name that is a document's title word, a legal form alone ("GmbH") or an address's town line: no party's name. */
const notAName = (value: string): boolean => {
  const words = value.split(' ');
  return words.some(isTitleWord) || (words.length === 1 && ENDS_IN_LEGAL_FORM.test(value)) || TOWN_LINE.test(value);
};

/**
 * Name candidates of a line: the line's own names and the names after a party's label inside it; none from a line
 * that opens or closes a letter ("Hi Sam,", "Best regards,"), and no value that holds a date ("Sent: April 29, 2025
 * 1:19PM"), an amount with cents ("2.03 Euro"), is one identifier ("GE2020211"), only an item table's column label
 * ("Artikelnr"), a legal form or a town line, or holds a document's title word.
 */
function nameSpans(line: DocLine, labels: readonly PlacedLabel[], next: DocLine | undefined): ValueSpan[] {
  if (opensLetter(line.text) || closesLetter(line.text)) return [];
  const own = labels.filter((l) => l.line === line);
  // A date among the value's words, as the date fields find them.
  const holdsDate = (span: ValueSpan) => dateSpans(line.words.slice(span.start, span.end)).length > 0;
  // A label alone on the next line ("Incoterms", "Kunde") is no part of a name printed over two lines.
  const joinable = next && !isLabelLine(labels, next) ? next : undefined;
  return [...lineNames(line, own, joinable), ...labelledNames(line, own)].filter(
    (s) =>
      !holdsDate(s) &&
      !HOLDS_MONEY.test(String(s.value)) &&
      !IDENTIFIER_SHAPED.test(String(s.value)) &&
      !isColumnLabel(String(s.value)) &&
      !notAName(String(s.value)),
  );
}

/**
 * Name candidates of a line: its text after any label it starts with, the same without a bracketed number
 * after it, its first part before a " - " or " | " separator (alone when the whole line is too long for a name), its words up to a legal form, joined with the
 * next line of its block unless either is "key: value" (names printed over two lines; a form of address
 * alone, "Herrn", only so), the whole line when it starts with a label word, and the value after a key the
 * lexicon does not know ("Nombre: DOE,JOHN"); only lines with letters, no e-mail or web address, not too long.
 */
function lineNames(line: DocLine, own: readonly PlacedLabel[], next: DocLine | undefined): ValueSpan[] {
  const opening = own.filter((l) => l.start === 0);
  // What follows a key the extraction does not read ("Incoterms", "Payment terms", "Your reference") is its value, no party.
  if (opening.some((l) => l.field === 'otherKey')) return [];
  const leading = opening.reduce((end, l) => Math.max(end, l.end), 0);
  const words = line.words.slice(leading);
  const value = cleanText(words.map((w) => w.text).join(' '));
  const whole = { value: cleanText(line.text), start: 0, end: line.words.length };
  // A title with its number ("INVOICE FAC_2018_4181", "Facture FA-2017-0010") names the document, not a party.
  if (own.some((l) => l.start === 0 && TITLE_LABELS.has(l.field)) && /\d/.test(value)) return [];
  // Words after a label that start with a small letter are a sentence ("Facture à régler par virement …"), not a name.
  if (leading > 0 && startsSmall(value)) return nameSized(whole.value) ? [whole] : [];
  const first = cleanText(value.split(PART_SEPARATOR)[0] ?? value);
  // A letterhead line "Name SARL - 1242 chemin … - 84340 Malaucène - France" is too long for a name; its first part is one.
  if (!nameSized(value)) return nameSized(first) ? [{ value: first, start: leading, end: line.words.length }] : [];
  const values = new Set([value, cleanText(value.replace(TRAILING_NOTE, '')), first]);
  // Cut at a legal form within the line only: the line under it is no person's name after it ("Rohstoff AG
  // Salzgitter" over "Marktstr. 153" stays whole).
  for (const v of [...values]) {
    const head = upToLegalForm(v);
    if (head) values.add(cleanText(head));
  }
  // Neither line of a join is "key: value": a field of a form ("Qualifizierung der Textart: REG") is no part of a name.
  const keyValue = leading === 0 && KEY_VALUE.test(line.text);
  if (next && next.block === line.block && next.words.length <= 5 && /\p{L}{2}/u.test(next.text) && !KEY_VALUE.test(next.text) && !keyValue)
    values.add(cleanText(`${value} ${next.text}`.replace(TRAILING_NOTE, '')));
  // A form of address alone ("Herrn", "Mme") is no name: only the line joined with the name under it is.
  if (isSalutation(value)) [...values].filter((v) => isSalutation(v)).forEach((v) => values.delete(v));
  const spans: ValueSpan[] = [...values].filter(nameSized).map((v) => ({ value: v, start: leading, end: line.words.length }));
  spans.push(...afterKey(line, leading));
  // A name may begin with a word that is also a label ("Lieferant GmbH"): the whole line is a candidate too, unless
  // the label ends in a colon ("FROM: Company ABC") or is a phrase ("Bill to Jane Doe", "Facturé à …"): a label then.
  const aLabel = /:$/.test(line.words[leading - 1]?.text ?? '') || opening.some((l) => l.end === leading && l.phrase);
  return leading > 0 && !aLabel ? [...spans, whole] : spans;
}

/** A key of one word that the lexicon does not know ("Nombre:", "Name:", "Firma:", "Titular(es):"), ending in a colon. */
const UNKNOWN_KEY = /^\p{L}[\p{L}.-]*(?:\(\p{L}{1,2}\))?:$/u;

/** The value of a "Key: value" line whose key is no label ("Nombre: DOE,JOHN"): a name of a form's field. */
function afterKey(line: DocLine, leading: number): ValueSpan[] {
  if (leading > 0 || line.words.length < 2 || !UNKNOWN_KEY.test(line.words[0]?.text ?? '')) return [];
  const value = cleanText(
    line.words
      .slice(1)
      .map((w) => w.text)
      .join(' '),
  );
  return nameSized(value) && !value.includes(':') && !startsSmall(value) ? [{ value, start: 1, end: line.words.length }] : [];
}

function spansOf(
  kind: ValueKind,
  line: DocLine,
  labels: readonly PlacedLabel[],
  next: DocLine | undefined,
  monthFirst: boolean,
): ValueSpan[] {
  switch (kind) {
    case 'amount':
      return amountSpans(line.words);
    case 'date':
      return dateSpans(line.words, { monthFirst });
    case 'identifier':
      return identifierSpans(line.words);
    case 'currency':
      return currencySpans(line.words);
    case 'name':
      return nameSpans(line, labels, next);
  }
}

const MAX_PAGES = 3;

/** The length of a kind's feature vector (measured on a made-up value when a document has no candidate of the kind). */
function featureLength(ctx: FeatureContext, kind: ValueKind): number {
  const word = { text: '1', confidence: 100, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, page: 0 };
  const line: DocLine = {
    index: 0,
    page: 0,
    row: 0,
    words: [word],
    text: '1',
    x0: 0,
    y0: 0,
    x1: 1,
    y1: 1,
    rx0: 0,
    ry0: 0,
    rx1: 0,
    ry1: 0,
    size: 1,
    confidence: 1,
    block: -1,
  };
  const value = kind === 'amount' ? 1 : '1';
  return candidateFeatures({ ...ctx, values: [value], counts: new Map([[value, 1]]) }, kind, line, { value, start: 0, end: 1 }, false)
    .length;
}

/** Same value, as the scorer compares: identifiers and names without case, blanks and punctuation. */
export function sameValue(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') return Math.abs(Number(a) - Number(b)) < 0.005;
  return canon(a) === canon(b);
}

/** A value without case, blanks and punctuation. */
const canon = (s: string): string => s.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Where another reader's value stands, when it is not a candidate already (an identifier it rebuilt from
 * several words, "FAC _2019 0001" -> "FAC_2019_0001"): the words of a line that spell it, blanks and
 * punctuation aside.
 */
export function priorSpan(lines: readonly DocLine[], value: string): { line: DocLine; span: ValueSpan } | null {
  const target = canon(value);
  if (target.length < 2) return null;
  for (const line of lines) {
    for (let i = 0; i < line.words.length; i++) {
      let spelled = '';
      for (let j = i; j < line.words.length && spelled.length < target.length; j++) {
        spelled += canon((line.words[j] as { text: string }).text);
        if (spelled === target) return { line, span: { value, start: i, end: j + 1 } };
        if (!target.startsWith(spelled)) break;
      }
    }
  }
  return null;
}

/**
 * Every candidate of every scored field in a document, with its features: the values of the field's kind
 * found on the first pages (identifiers, dates, amounts, currencies, names), each described by its labels,
 * its place on the page and its shape. Numeric dates read in the order the document's dates settle
 * (`readsMonthFirst`) unless `order` says which.
 */
export function buildCandidates(
  doc: DocumentModel,
  prior: PriorValues = {},
  order: { monthFirst?: boolean } = {},
): Record<ScoredField, Candidate[]> {
  const labels = placeLabels(doc);
  const lines = doc.lines.filter((l) => l.page < MAX_PAGES);
  const maxSize = Math.max(1, ...lines.map((l) => l.size));
  const index = indexDocument(doc);
  const byKind = new Map<ValueKind, { line: DocLine; span: ValueSpan }[]>();
  const monthFirst = order.monthFirst ?? readsMonthFirst(lines.map((l) => l.text));
  for (const kind of new Set(Object.values(FIELD_KIND)))
    byKind.set(
      kind,
      lines.flatMap((line, i) => spansOf(kind, line, labels, lines[i + 1], monthFirst).map((span) => ({ line, span }))),
    );
  const out = {} as Record<ScoredField, Candidate[]>;
  for (const field of SCORED_FIELDS) {
    const kind = FIELD_KIND[field];
    const found = [...(byKind.get(kind) ?? [])];
    const priorValue = prior[field];
    if (
      typeof priorValue === 'string' &&
      (kind === 'identifier' || (kind === 'name' && nameSized(priorValue) && !notAName(priorValue))) &&
      !found.some((f) => sameValue(f.span.value, priorValue))
    ) {
      const extra = priorSpan(lines, priorValue);
      if (extra) found.push(extra);
    }
    const values = found.map((f) => f.span.value);
    const ctx: FeatureContext = { doc, labels, values, counts: valueCounts(values), maxSize, index };
    const real: Candidate[] = found.map(({ line, span }) => ({
      field,
      value: span.value,
      line,
      start: span.start,
      end: span.end,
      words: line.words.slice(span.start, span.end),
      features: candidateFeatures(ctx, kind, line, span, sameValue(prior[field], span.value)),
    }));
    const length = real[0]?.features.length ?? featureLength(ctx, kind);
    out[field] = [
      ...real,
      {
        field,
        value: null,
        line: null,
        start: 0,
        end: 0,
        words: [],
        features: nullFeatures(ctx, OWN_LABEL[field], prior[field] == null, length),
      },
    ];
  }
  return out;
}
