import type {
  ExtractedInvoice,
  FieldEvidence,
  FieldEvidenceMap,
  FieldSource,
  InvoiceFieldName,
  LineItem,
  OcrPageResult,
  OcrWord,
} from '@invoice/contracts';
import { repairUsStateCode } from './address.repair.js';
import { repairMalaysianAddress } from './malaysian-address.repair.js';
import { frenchAccentIndex, restoreAccents, type AccentFix } from './accents.js';
import { correctByArithmetic } from './arithmetic.corrector.js';
import { documentFieldEntries, readDocumentFields } from './fields/fields.reader.js';
import { fieldConfidence } from './field.confidence.js';
import { plausibleYears, runChecks } from './invoice.checks.js';
import { parseAmount, roundCents } from './amount.parser.js';
import { detectCurrency } from './currency.parser.js';
import { parseDate, parseDateTime, readsMonthFirst } from './date.parser.js';
import { matchLabel, type LabelField, type LabelMatch, type Language } from './labels.matcher.js';
import { cleanDescription, parseItemColumn, parseItemLine } from './line-item.parser.js';
import { parseQrPayload } from './qr.parser.js';
import { extractReceiptHeader, extractReceiptTotal, isReceiptPage, receiptShaped } from './receipt.fields.js';
import { documentWords } from './document/document.model.js';
import { mergeRereads } from './reread.merge.js';
import { summedRowItems } from './tables/summed.rows.js';
import { tableLineItems } from './tables/table.items.js';
import { buildRows, type Row, type Segment } from './rows.builder.js';
import { normalizeQuotes, normalizeSpaces } from './text.normalize.js';
import { EMAIL_IN_TEXT } from './email.pattern.js';
import { startsSmall } from './candidates/candidate.features.js';

/** A segment that starts with a known label, with the text after the label. */
export interface LabelledSegment {
  field: LabelField;
  match: LabelMatch;
  rowIndex: number;
  segment: Segment;
  /** The words after the label, joined. */
  value: string;
}

/**
 * The text after an email label holds one address, which has no blanks; tesseract may still split it:
 * at a dot or the @ ("sarah. smith@example.com"): the blanks go; or where it lost a small dot
 * ("sarah smith@example.com"): plain words right before the address are joined to it with a dot, the
 * usual separator of a local part.
 */
export function joinEmailParts(value: string): string {
  const joined = value.trim().replace(/\s*([.@])\s*/g, '$1');
  const parts = joined.split(/\s+/);
  const at = parts.findIndex((p) => p.includes('@'));
  if (at > 0 && parts.slice(0, at).every((p) => /^[A-Za-z0-9]+$/.test(p))) {
    return [parts.slice(0, at + 1).join('.'), ...parts.slice(at + 1)].join(' ');
  }
  return joined;
}

export function findLabels(rows: readonly Row[]): LabelledSegment[] {
  const found: LabelledSegment[] = [];
  rows.forEach((row, rowIndex) => {
    for (const segment of row.segments) {
      const match = matchLabel(segment.words);
      if (!match) continue;
      const rest = segment.words.slice(match.wordCount);
      found.push({ field: match.label.field, match, rowIndex, segment, value: normalizeSpaces(rest.map((w) => w.text).join(' ')) });
    }
  });
  return found;
}

/** Strips a leading "No.", "#", "n°", ":" from a value printed after a label. */
function stripValuePrefix(value: string): string {
  return value.replace(/^(?:(?:n[o°º]|num(?:[eé]ro)?|number)\.?(?![\p{L}\p{N}])|[:#.\-–\s])+/iu, '').trim();
}

/**
 * The invoice number printed after the title. Tesseract often drops underscores and reads them as
 * blanks ("FAC 2019 0001", "FAC _2019 0001"), so several tokens are joined back with "_".
 */
export function parseInvoiceNumber(value: string): string | null {
  const tokens = stripValuePrefix(value)
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, ''))
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  // Stop at the first token that cannot belong to an identifier.
  const parts: string[] = [];
  for (const token of tokens) {
    if (!/^[\p{L}\p{N}_\-/.]+$/u.test(token)) break;
    parts.push(token.replace(/^_+|_+$/g, ''));
  }
  const number = parts.filter(Boolean).join('_');
  return /\d/.test(number) ? number : null;
}

/** Compares identifiers as OCR sees them: case, blanks and separators ignored. */
function sameIdentifier(a: string, b: string): boolean {
  const canon = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return canon(a) === canon(b);
}

function cleanName(value: string): string | null {
  const text = normalizeSpaces(normalizeQuotes(value)).replace(/^[:\-–.,\s]+|[:\-–.,\s]+$/g, '');
  return /\p{L}/u.test(text) ? text : null;
}

function detectLanguage(labels: readonly LabelledSegment[]): Language | null {
  let en = 0;
  let fr = 0;
  for (const l of labels) {
    if (l.match.label.language === 'en') en++;
    if (l.match.label.language === 'fr') fr++;
  }
  if (en === fr) return null;
  return en > fr ? 'en' : 'fr';
}

/**
 * The first segment below row `rowIndex` (same page, within `maxGap` row heights of the previous text
 * line) that starts inside the horizontal range [x0, x1] of the block it continues. Segments elsewhere
 * on the line (a logo, a right-hand column) are skipped.
 */
function segmentBelow(
  rows: readonly Row[],
  rowIndex: number,
  x0: number,
  x1: number,
  maxGap = 2.5,
): { rowIndex: number; segment: Segment } | null {
  let previous = rows[rowIndex] as Row;
  for (let i = rowIndex + 1; i < rows.length; i++) {
    const row = rows[i] as Row;
    if (row.page !== previous.page) return null;
    if (row.centerY - previous.centerY > maxGap * Math.max(previous.height, row.height)) return null;
    const segment = row.segments.find((s) => s.bbox.x0 >= x0 && s.bbox.x0 <= x1 && /[\p{L}\p{N}]/u.test(s.text));
    if (segment) return { rowIndex: i, segment };
    if (row.segments.some((s) => s.bbox.x0 < x0 && s.bbox.x1 > x0)) return null;
    previous = row;
  }
  return null;
}

export interface ItemRow {
  description: string;
  quantity: number | null;
  unitPrice: number;
  currency: string | null;
}

/**
 * An item row: the last segment is the `<qty> x <unit price> <currency>` column and the segments before
 * it are the description; when the row is a single segment, the whole text is parsed as one line.
 */
export function parseItemRow(row: Row): ItemRow | null {
  if (row.segments.length >= 2) {
    const column = parseItemColumn((row.segments[row.segments.length - 1] as Segment).text);
    const description = cleanDescription(
      row.segments
        .slice(0, -1)
        .map((s) => s.text)
        .join(' '),
    );
    if (column && description) return { description, ...column };
  }
  const line = parseItemLine(row.text);
  return line ? { description: line.description, quantity: line.quantity, unitPrice: line.unitPrice, currency: line.currency } : null;
}

/** A French item description with its accents restored (see accents.ts). */
function frenchDescription(description: string): AccentFix {
  return restoreAccents(description, frenchAccentIndex(), { nounPhrase: true });
}

/**
 * Items whose quantity could not be read: when there is exactly one and the total is known, the
 * quantity is what makes the lines add up to the total, if that is a whole number (issue
 * `inferred:quantity`); otherwise such items are left out (issue `unreadable:lineItem`).
 */
function resolveQuantities(
  items: readonly { description: string; quantity: number | null; unitPrice: number }[],
  total: number | null,
  issues: string[],
): LineItem[] {
  const unknown = items.filter((i) => i.quantity === null);
  let inferred: number | null = null;
  if (unknown.length === 1 && total !== null && (unknown[0] as ItemRow).unitPrice > 0) {
    const known = items.reduce((sum, i) => sum + (i.quantity === null ? 0 : roundCents(i.quantity * i.unitPrice)), 0);
    const q = (total - known) / (unknown[0] as ItemRow).unitPrice;
    if (Math.round(q) >= 1 && Math.abs(roundCents(Math.round(q) * (unknown[0] as ItemRow).unitPrice) - roundCents(total - known)) < 0.005) {
      inferred = Math.round(q);
      issues.push('inferred:quantity');
    }
  }
  if (unknown.length > 0 && inferred === null) issues.push('unreadable:lineItem');
  const out: LineItem[] = [];
  for (const item of items) {
    const quantity = item.quantity ?? inferred;
    if (quantity === null) continue;
    out.push({ description: item.description, quantity, unitPrice: item.unitPrice, amount: roundCents(quantity * item.unitPrice) });
  }
  return out;
}

/** The words of a labelled segment's row after the label (the value may stand in another cell of the row). */
function rowValue(rows: readonly Row[], label: LabelledSegment): { text: string; words: OcrWord[] } {
  const row = rows[label.rowIndex] as Row;
  const labelWords = label.segment.words.slice(0, label.match.wordCount);
  const words = row.words.slice(row.words.indexOf(labelWords[labelWords.length - 1] as OcrWord) + 1);
  return { text: normalizeSpaces(words.map((w) => w.text).join(' ')), words };
}

const labelValueWords = (label: LabelledSegment): OcrWord[] => label.segment.words.slice(label.match.wordCount);

/** A tax line's value: the rate before a percent sign ("20 %", "(5,5%)") and the amount after it. */
export function parseTaxValue(text: string): { rate: number | null; amount: number | null } {
  const percent = /(\d{1,2}(?:[.,]\d{1,3})?)\s*%\)?/.exec(text);
  const rate = percent ? Number((percent[1] as string).replace(',', '.')) : null;
  const rest = percent ? text.slice(percent.index + percent[0].length) : text;
  return { rate, amount: parseAmount(rest.replace(/^[\s:=)]+/, '')) };
}

interface Block {
  name: string | null;
  nameWords: OcrWord[];
  address: string | null;
  addressWords: OcrWord[];
}

/** Address lines under a name segment: the segments below it, left-aligned with it, until a label or a blank gap. */
function addressBelow(
  rows: readonly Row[],
  rowIndex: number,
  x0: number,
  x1: number,
  maxLines: number,
): { lines: string[]; words: OcrWord[] } {
  const lines: string[] = [];
  const words: OcrWord[] = [];
  let index = rowIndex;
  const tolerance = (rows[rowIndex] as Row).height;
  for (let n = 0; n < maxLines; n++) {
    const below = segmentBelow(rows, index, x0 - tolerance, x1);
    if (!below || matchLabel(below.segment.words) || EMAIL_IN_TEXT.test(below.segment.text) || parseItemLine(below.segment.text)) break;
    const line = cleanName(below.segment.text);
    if (!line) break;
    lines.push(line);
    words.push(...below.segment.words);
    index = below.rowIndex;
  }
  return { lines, words };
}

const joinLines = (lines: readonly string[]): string | null =>
  lines.length ? lines.map((l, i) => (i < lines.length - 1 && !/[,;]$/.test(l) ? `${l},` : l)).join(' ') : null;

/**
 * The issuer: after a "From"/"Émetteur" label (the name, then the address lines under it); else, on an
 * invoice, the block at the top of the page left of the title (a top row cell that is no label);
 * on a receipt (no invoice title, no "Bill to"), the first lines: the name (a line with a company word
 * among the first three, else the first), then the address lines until a phone, tax id or date.
 */
function extractVendor(rows: readonly Row[], labels: readonly LabelledSegment[], isReceipt: boolean): Block {
  const none: Block = { name: null, nameWords: [], address: null, addressWords: [] };
  // On a receipt "From" is a vendor label only as a label ("From:", or alone on its line), not in a sentence ("from the date of purchase").
  const label = labels.find(
    (l) =>
      l.field === 'vendor' &&
      (!isReceipt || l.value === '' || /:\s*$/.test(l.segment.words[l.match.wordCount - 1]?.text ?? '') || l.value.startsWith(':')),
  );
  if (label) {
    let name = cleanName(label.value);
    let nameWords = labelValueWords(label);
    let rowIndex = label.rowIndex;
    let x0 = (labelValueWords(label)[0] ?? (label.segment.words[0] as OcrWord)).bbox.x0;
    if (!name) {
      const below = segmentBelow(rows, label.rowIndex, label.segment.bbox.x0 - (rows[label.rowIndex] as Row).height, label.segment.bbox.x1);
      if (!below || matchLabel(below.segment.words)) return none;
      name = cleanName(below.segment.text);
      nameWords = below.segment.words;
      rowIndex = below.rowIndex;
      x0 = below.segment.bbox.x0;
    }
    const address = addressBelow(rows, rowIndex, x0, x0 + (rows[rowIndex] as Row).height * 2, 2);
    return { name, nameWords, address: joinLines(address.lines), addressWords: address.words };
  }
  if (isReceipt) {
    const header = extractReceiptHeader(rows);
    return {
      name: header.name?.value ?? null,
      nameWords: header.name?.words ?? [],
      address: header.address?.value ?? null,
      addressWords: header.address?.words ?? [],
    };
  }
  // An invoice: the block at the top of the page, left of the title.
  const firstPage = rows.filter((r) => r.page === (rows[0]?.page ?? 0));
  const firstLabelRow = Math.min(...labels.filter((l) => l.field !== 'title').map((l) => l.rowIndex), firstPage.length);
  for (let i = 0; i < Math.min(firstLabelRow, 3); i++) {
    const row = firstPage[i] as Row;
    const segment = row.segments.find(
      (s) => !matchLabel(s.words) && /\p{L}{2}/u.test(s.text) && !EMAIL_IN_TEXT.test(s.text) && !parseDate(s.text),
    );
    if (!segment) continue;
    const address = addressBelow(rows, i, segment.bbox.x0, segment.bbox.x0 + row.height * 2, 2);
    return { name: cleanName(segment.text), nameWords: segment.words, address: joinLines(address.lines), addressWords: address.words };
  }
  return none;
}

/** A total label's value when it is an amount; receipts print totals of quantities and savings too. */
const NOT_A_TOTAL_RE = /\b(qty|quantity|items?|discount|saving|savings|excl|exclusive|before)\b|\btotal\s+(gst|tax|vat|sst|tva)\b/i;

/**
 * The amount printed after a label: the whole value when it reads as one ("2 541,89 Euro"), else the last
 * token with two decimals (receipts: "SALES INCL GST 75.00", "AMOUNT:$6.90", "RM 3.90").
 */
function amountIn(words: readonly OcrWord[]): { value: number | null; words: OcrWord[] } {
  const whole = parseAmount(words.map((w) => w.text).join(' '));
  if (whole !== null) return { value: whole, words: words.filter((w) => /\d/.test(w.text)) };
  for (let i = words.length - 1; i >= 0; i--) {
    const text = (words[i] as OcrWord).text;
    const m = /(\d[\d,.]*[.,]\d{2})(?!\d)/.exec(text);
    if (!m) continue;
    const value = parseAmount(m[1] as string);
    if (value !== null) return { value, words: [words[i] as OcrWord] };
  }
  return { value: null, words: [] };
}

/**
 * Turns the OCR output of a document (one result per page) into invoice fields, each with its evidence
 * (confidence, the words it was read from, its source). Rows are rebuilt from word boxes; labelled
 * fields are read after their label (English or French); item lines are rows ending in
 * `<qty> x <unit price> <currency>`; the QR payload, when present, is the reference for the invoice
 * number, date and time and the only source of the customer id and category. A digit the OCR misread is
 * corrected when exactly one reading makes the sums hold (`corrected:<field>`, source `arithmetic`).
 * Pages with `rereads` are read with the accepted rereads in place ({@link mergeRereads}): word indexes
 * refer to those merged words.
 */
export function extractByRules(readings: readonly OcrPageResult[]): ExtractedInvoice {
  return extractRuled(readings).invoice;
}

/**
 * {@link extractByRules}, with whether each line item's quantity, unit price and amount were all read from the
 * page (none computed from the others): what the line items' confidence weighs (items.confidence.ts); and the pages
 * (rereads merged), words and rows read, which the scorer and a receipt's confidence read again.
 */
export function extractRuled(readings: readonly OcrPageResult[]): {
  invoice: ExtractedInvoice;
  itemsPrinted: boolean[];
  pages: OcrPageResult[];
  words: OcrWord[];
  rows: Row[];
} {
  // Regions read a second time (item columns): the accepted rereads replace the first reading's words.
  const pages = readings.map(mergeRereads);
  // One OcrPageResult per page: with several, the position in the array is the page (each result numbers its own words from 0).
  const words = documentWords(pages);
  const wordIndex = new Map<OcrWord, number>(words.map((w, i) => [w, i]));
  const rows = buildRows(words);
  const labels = findLabels(rows);
  const first = (field: LabelField): LabelledSegment | undefined => labels.find((l) => l.field === field);
  const issues: string[] = [];
  const language = detectLanguage(labels);
  const evidenceWords: Partial<Record<InvoiceFieldName, OcrWord[]>> = {};
  const sources: Partial<Record<InvoiceFieldName, FieldSource>> = {};

  // Invoice number: after the title label; the first title with a number-like value.
  let invoiceNumber: string | null = null;
  for (const l of labels.filter((x) => x.field === 'title')) {
    invoiceNumber = parseInvoiceNumber(l.value);
    if (invoiceNumber) {
      evidenceWords.invoiceNumber = labelValueWords(l);
      break;
    }
  }

  // Issue date and time: after the issue date label, else the first date anywhere (not the due date).
  let issueDate: string | null = null;
  let issueTime: string | null = null;
  // Numeric dates are read day-first (ISO dates are unambiguous), month-first when the document's own dates say so.
  const monthFirst = readsMonthFirst(rows.map((r) => r.text));
  const dateLabel = first('issueDate');
  const dueLabel = first('dueDate');
  if (dateLabel) {
    ({ date: issueDate, time: issueTime } = parseDateTime(dateLabel.value, { monthFirst }));
    evidenceWords.issueDate = labelValueWords(dateLabel);
  }
  if (!issueDate) {
    const years = plausibleYears(new Date());
    for (const [index, row] of rows.entries()) {
      if (dueLabel && index === dueLabel.rowIndex) continue;
      const parsed = parseDateTime(row.text, { monthFirst });
      // A misread year ("2095") is no reason to take this date over a later, plausible one.
      const year = Number(parsed.date?.slice(0, 4));
      if (parsed.date && year >= years.min && year <= years.max) {
        ({ date: issueDate, time: issueTime } = parsed);
        evidenceWords.issueDate = row.words.filter((w) => /\d/.test(w.text));
        break;
      }
    }
  }
  let dueDate: string | null = null;
  if (dueLabel) {
    dueDate = parseDate(rowValue(rows, dueLabel).text, { monthFirst });
    evidenceWords.dueDate = rowValue(rows, dueLabel).words;
  }

  // Customer name: after "Bill to", or on the row below when the label stands alone.
  let customerName: string | null = null;
  const billTo = first('billTo');
  // "Facture à régler par virement …": words in small letters after the label make a sentence, not a bill-to block.
  if (billTo && !startsSmall(cleanName(billTo.value) ?? '')) {
    customerName = cleanName(billTo.value);
    evidenceWords.customerName = labelValueWords(billTo);
    if (!customerName) {
      const below = segmentBelow(
        rows,
        billTo.rowIndex,
        billTo.segment.bbox.x0 - (rows[billTo.rowIndex] as Row).height,
        billTo.segment.bbox.x1,
      );
      customerName = below && !matchLabel(below.segment.words) ? cleanName(below.segment.text) : null;
      if (below) evidenceWords.customerName = below.segment.words;
    }
  }

  // Email: after its label, else the first address-looking token anywhere.
  const emailLabel = first('email');
  let customerEmail: string | null = null;
  const labelled = emailLabel && EMAIL_IN_TEXT.exec(joinEmailParts(emailLabel.value));
  if (emailLabel && labelled) {
    customerEmail = labelled[0];
    evidenceWords.customerEmail = labelValueWords(emailLabel);
  } else {
    const row = rows.find((r) => EMAIL_IN_TEXT.test(r.text));
    if (row) {
      customerEmail = (EMAIL_IN_TEXT.exec(row.text) as RegExpExecArray)[0];
      evidenceWords.customerEmail = row.words.filter((w) => /[@.]/.test(w.text));
    }
  }

  // Address: the value after the label, and the next row (its segment starting at or right of the label).
  let customerAddressLine1: string | null = null;
  let customerAddressLine2: string | null = null;
  const addressLabel = first('address');
  if (addressLabel) {
    const block = addressLabel.segment.bbox;
    const tolerance = (rows[addressLabel.rowIndex] as Row).height;
    let lastRowIndex = addressLabel.rowIndex;
    customerAddressLine1 = cleanName(addressLabel.value);
    evidenceWords.customerAddressLine1 = labelValueWords(addressLabel);
    if (!customerAddressLine1) {
      const below = segmentBelow(rows, lastRowIndex, block.x0 - tolerance, block.x1 + 10 * tolerance);
      if (below && !matchLabel(below.segment.words)) {
        customerAddressLine1 = cleanName(below.segment.text);
        evidenceWords.customerAddressLine1 = below.segment.words;
        lastRowIndex = below.rowIndex;
      }
    }
    const below = segmentBelow(rows, lastRowIndex, block.x0 - tolerance, block.x1);
    if (below && !matchLabel(below.segment.words) && !parseItemLine(below.segment.text)) {
      customerAddressLine2 = cleanName(below.segment.text);
      evidenceWords.customerAddressLine2 = below.segment.words;
    }
  }
  // A US state code read with a digit for a letter ("Greenfield, 1A 95351"): put back when it makes a real state.
  if (customerAddressLine2) {
    const state = repairUsStateCode(customerAddressLine2);
    if (state.repaired) issues.push('corrected:state:customerAddressLine2');
    customerAddressLine2 = state.text;
  }
  // A Malaysian address: a town, state or street word the OCR misread by a look-alike letter, put back from the gazetteer.
  const repairAddress = (field: 'customerAddressLine1' | 'customerAddressLine2' | 'vendorAddress', text: string | null): string | null => {
    if (!text) return text;
    const repair = repairMalaysianAddress(text);
    if (repair.changes.length) issues.push(`corrected:address:${field}`);
    return repair.text;
  };
  customerAddressLine1 = repairAddress('customerAddressLine1', customerAddressLine1);
  customerAddressLine2 = repairAddress('customerAddressLine2', customerAddressLine2);

  // Vendor: the issuer block. An invoice names its customer; a receipt ("TAX INVOICE" on it or not) does not,
  // or is a narrow till roll (some print "Bill to" for a company customer).
  const namesCustomer = labels.some((l) => l.field === 'billTo');
  const vendor = extractVendor(rows, labels, !namesCustomer || receiptShaped(rows));
  const vendorName = vendor.name;
  const vendorAddress = repairAddress('vendorAddress', vendor.address);
  evidenceWords.vendorName = vendor.nameWords;
  evidenceWords.vendorAddress = vendor.addressWords;

  // Line items and total.
  const totalLabels = labels.filter(
    (l) => l.field === 'total' && !NOT_A_TOTAL_RE.test((rows[l.rowIndex] as Row).text) && amountIn(rowValue(rows, l).words).value !== null,
  );
  const totalLabel = totalLabels[totalLabels.length - 1] ?? [...labels].reverse().find((l) => l.field === 'total');
  const items: { description: string; quantity: number | null; unitPrice: number }[] = [];
  /** Per item: the description's words and the price column's words. */
  const itemWords: { description: OcrWord[]; column: OcrWord[] }[] = [];
  const descriptionInDoubt: boolean[] = [];
  const currencies: { code: string; words: OcrWord[] }[] = [];
  rows.forEach((row, index) => {
    if (totalLabel && index === totalLabel.rowIndex) return;
    if (labels.some((l) => l.rowIndex === index && l.field !== 'total' && l.segment === row.segments[0])) return;
    const item = parseItemRow(row);
    if (!item) return;
    if (item.currency) currencies.push({ code: item.currency, words: row.words.filter((w) => detectCurrency(w.text)) });
    // French descriptions: accents the OCR lost restored from the word list; a word left in doubt weakens the line.
    const accents = language === 'fr' ? frenchDescription(item.description) : null;
    if (accents?.restored.length) issues.push(`corrected:accents:lineItem:${items.length + 1}`);
    descriptionInDoubt.push((accents?.doubtful.length ?? 0) > 0);
    items.push({ description: accents?.text ?? item.description, quantity: item.quantity, unitPrice: item.unitPrice });
    const column = row.segments.length >= 2 ? (row.segments[row.segments.length - 1] as Segment).words : [];
    itemWords.push({ description: row.words.filter((w) => !column.includes(w)), column });
  });

  const amountAfter = (label: LabelledSegment | undefined): { value: number | null; words: OcrWord[]; text: string } => {
    if (!label) return { value: null, words: [], text: '' };
    const { text, words: valueWords } = rowValue(rows, label);
    return { ...amountIn(valueWords), text };
  };
  const totalRead = amountAfter(totalLabel);
  let total = totalRead.value;
  evidenceWords.total = totalRead.words;
  // A receipt prints several totals (of items, before tax, of the tax summary): the one paid. Read so on a
  // till roll, or on a page naming no customer that prints cash, change, GST...
  const receiptPage = isReceiptPage(rows, namesCustomer);
  const receiptTotal = receiptPage ? extractReceiptTotal(rows) : null;
  if (receiptTotal) {
    total = receiptTotal.value;
    evidenceWords.total = receiptTotal.words;
  }
  if (totalLabel) {
    const currency = detectCurrency(totalRead.text);
    if (currency) currencies.unshift({ code: currency, words: rowValue(rows, totalLabel).words.filter((w) => detectCurrency(w.text)) });
  }
  const subtotalLabel = [...labels].reverse().find((l) => l.field === 'subtotal');
  const subtotalRead = amountAfter(subtotalLabel);
  let subtotal = subtotalRead.value;
  evidenceWords.subtotal = subtotalRead.words;
  const taxLabel = [...labels].reverse().find((l) => l.field === 'tax');
  let taxAmount: number | null = null;
  let taxRate: number | null = null;
  if (taxLabel) {
    // The rate may be part of the label cell ("TVA 20 %") or of the value.
    const { text, words: valueWords } = rowValue(rows, taxLabel);
    ({ rate: taxRate, amount: taxAmount } = parseTaxValue(text));
    evidenceWords.taxAmount = valueWords.filter((w) => /\d/.test(w.text) && !w.text.includes('%'));
    evidenceWords.taxRate = valueWords.filter((w) => w.text.includes('%') || /^\(?\d{1,2}([.,]\d+)?$/.test(w.text)).slice(0, 1);
  }
  let lineItems = resolveQuantities(items, subtotal ?? total, issues);
  // The row reader computes each amount from the quantity and unit price it reads; an inferred quantity is not read.
  let itemsPrinted = lineItems.map(() => !issues.includes('inferred:quantity'));
  // An item table found by its header row (any of six languages): its lines, unless only the row reader's add up.
  // Else, on an invoice that lists its items without a header, rows whose amounts add up to the row under them.
  const table =
    tableLineItems(rows, lineItems, subtotal ?? total) ??
    (lineItems.length === 0 && !receiptPage ? summedRowItems(rows, new Set(labels.map((l) => l.rowIndex))) : null);
  if (table) {
    lineItems = table.lineItems.map((item) =>
      language === 'fr' ? { ...item, description: frenchDescription(item.description).text } : item,
    );
    itemWords.splice(0, itemWords.length, ...table.itemWords);
    itemsPrinted = table.printed;
    descriptionInDoubt.splice(0, descriptionInDoubt.length, ...table.lineItems.map(() => false));
    issues.splice(
      0,
      issues.length,
      ...issues.filter((i) => !/^(inferred:quantity|unreadable:lineItem|corrected:accents:lineItem)/.test(i)),
      ...table.issues,
    );
  }
  const currencyFound =
    currencies[0] ??
    rows
      .flatMap((r) => r.words)
      .map((w) => ({ code: detectCurrency(w.text), words: [w] }))
      .find((c) => c.code !== null);
  const currency = currencyFound?.code ?? null;
  evidenceWords.currency = currencyFound?.words ?? [];

  // A misread digit in an amount: corrected when exactly one reading makes every sum hold.
  const correction = correctByArithmetic({ subtotal, taxAmount, taxRate, total, lineItems });
  if (correction) {
    ({ subtotal, taxAmount, total, lineItems } = { ...correction.fields, lineItems: [...correction.fields.lineItems] });
    issues.push(`corrected:${correction.field}`);
    if (!correction.field.startsWith('lineItem:')) sources[correction.field as 'total'] = 'arithmetic';
  }

  // QR code: the reference for number, date and time when it is there.
  const qr = parseQrPayload(pages.find((p) => p.qrPayload)?.qrPayload ?? null);
  let customerId: string | null = null;
  let customerCategory: string | null = null;
  if (qr) {
    if (qr.invoiceNumber) {
      if (invoiceNumber && !sameIdentifier(invoiceNumber, qr.invoiceNumber)) issues.push('qr_text_mismatch:invoiceNumber');
      invoiceNumber = qr.invoiceNumber;
      sources.invoiceNumber = 'qr';
    }
    if (qr.issueDate) {
      if (issueDate && issueDate !== qr.issueDate) issues.push('qr_text_mismatch:issueDate');
      issueDate = qr.issueDate;
      sources.issueDate = 'qr';
    }
    if (qr.issueTime) {
      if (issueTime && issueTime !== qr.issueTime) issues.push('qr_text_mismatch:issueTime');
      issueTime = qr.issueTime;
    }
    customerId = qr.customerId;
    customerCategory = qr.customerCategory;
  } else if (pages.some((p) => p.qrPayload)) {
    issues.push('qr_unparsed');
  }

  // Document type, VAT ids, IBAN, order number, amount due, tax lines (fields/).
  const documentFields = documentFieldEntries(
    readDocumentFields(rows, { namesCustomer, customer: billTo ? { rowIndex: billTo.rowIndex, x0: billTo.segment.bbox.x0 } : null }),
    { total, taxAmount },
  );
  Object.assign(evidenceWords, documentFields.words);
  const documentType = documentFields.values.documentType;

  const checks = runChecks({
    invoiceNumber,
    issueDate,
    dueDate,
    customerName,
    customerEmail,
    subtotal,
    taxAmount,
    taxRate,
    total,
    lineItems,
    documentType,
    vendorName,
  });
  issues.push(...checks.issues);
  for (const field of documentFields.passed) checks.passed.add(field);
  for (const field of documentFields.failed) {
    checks.failed.add(field);
    issues.push(`invalid_checksum:${field}`);
  }

  const values: Record<InvoiceFieldName, unknown> = {
    invoiceNumber,
    issueDate,
    dueDate,
    vendorName,
    vendorAddress,
    customerName,
    customerEmail,
    customerAddressLine1,
    customerAddressLine2,
    currency,
    subtotal,
    taxAmount,
    taxRate,
    total,
    ...documentFields.values,
  };
  // Currency confirmed when the total and the items name the same one.
  if (currencies.length >= 2 && currencies.every((c) => c.code === currency)) checks.passed.add('currency');
  const fieldEvidence: FieldEvidenceMap = {};
  for (const [field, value] of Object.entries(values) as [InvoiceFieldName, unknown][]) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const fieldWords = evidenceWords[field] ?? [];
    const source = sources[field] ?? 'ocr';
    fieldEvidence[field] = {
      confidence: fieldConfidence({
        wordConfidences: fieldWords.map((w) => w.confidence),
        source,
        passed: checks.passed.has(field),
        failed: checks.failed.has(field),
      }),
      wordIndexes: fieldWords.map((w) => wordIndex.get(w)).filter((i): i is number => i !== undefined),
      source,
    };
  }
  let lineItemsEvidence: FieldEvidence | null = null;
  if (lineItems.length > 0) {
    // The sums vouch for the amounts only: a description's confidence is its words' alone.
    const perLine = itemWords.map(({ description, column }, index) =>
      Math.min(
        fieldConfidence({
          wordConfidences: description.map((w) => w.confidence),
          source: 'ocr',
          passed: false,
          failed: descriptionInDoubt[index] ?? false,
        }),
        fieldConfidence({
          wordConfidences: (column.length ? column : description).map((w) => w.confidence),
          source: 'ocr',
          passed: checks.passed.has('lineItems'),
          failed: checks.failed.has('lineItems'),
        }),
      ),
    );
    const weakest = perLine.length ? Math.min(...perLine) : 0.5;
    lineItemsEvidence = {
      confidence: weakest,
      wordIndexes: itemWords
        .flatMap((i) => [...i.description, ...i.column])
        .map((w) => wordIndex.get(w))
        .filter((i): i is number => i !== undefined),
      source: correction?.field.startsWith('lineItem:') ? 'arithmetic' : 'ocr',
    };
  }

  const invoice: ExtractedInvoice = {
    invoiceNumber,
    issueDate,
    issueTime,
    customerName,
    customerEmail,
    customerAddressLine1,
    customerAddressLine2,
    customerId,
    customerCategory,
    currency,
    total,
    lineItems,
    language,
    issues,
    dueDate,
    vendorName,
    vendorAddress,
    subtotal,
    taxAmount,
    taxRate,
    fieldEvidence,
    lineItemsEvidence,
    ...documentFields.values,
  };
  return { invoice, itemsPrinted, pages, words, rows };
}
