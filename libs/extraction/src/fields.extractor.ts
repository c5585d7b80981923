import type { ExtractedInvoice, LineItem, OcrPageResult, OcrWord } from '@invoice/contracts';
import { checkInvoice } from './invoice.checks.js';
import { parseAmount, roundCents } from './amount.parser.js';
import { detectCurrency } from './currency.parser.js';
import { parseDateTime } from './date.parser.js';
import { matchLabel, type LabelField, type LabelMatch, type Language } from './labels.matcher.js';
import { cleanDescription, parseItemColumn, parseItemLine } from './line-item.parser.js';
import { parseQrPayload } from './qr.parser.js';
import { buildRows, type Row, type Segment } from './rows.builder.js';
import { normalizeQuotes, normalizeSpaces } from './text.normalize.js';

/** A segment that starts with a known label, with the text after the label. */
interface LabelledSegment {
  field: LabelField;
  match: LabelMatch;
  rowIndex: number;
  segment: Segment;
  /** The words after the label, joined. */
  value: string;
}

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

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

function findLabels(rows: readonly Row[]): LabelledSegment[] {
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
function segmentBelow(rows: readonly Row[], rowIndex: number, x0: number, x1: number, maxGap = 2.5): { rowIndex: number; segment: Segment } | null {
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

interface ItemRow {
  description: string;
  quantity: number | null;
  unitPrice: number;
  currency: string | null;
}

/**
 * An item row: the last segment is the `<qty> x <unit price> <currency>` column and the segments before
 * it are the description; when the row is a single segment, the whole text is parsed as one line.
 */
function parseItemRow(row: Row): ItemRow | null {
  if (row.segments.length >= 2) {
    const column = parseItemColumn((row.segments[row.segments.length - 1] as Segment).text);
    const description = cleanDescription(row.segments.slice(0, -1).map((s) => s.text).join(' '));
    if (column && description) return { description, ...column };
  }
  const line = parseItemLine(row.text);
  return line ? { description: line.description, quantity: line.quantity, unitPrice: line.unitPrice, currency: line.currency } : null;
}

/**
 * Items whose quantity could not be read: when there is exactly one and the total is known, the
 * quantity is what makes the lines add up to the total, if that is a whole number (issue
 * `inferred:quantity`); otherwise such items are left out (issue `unreadable:lineItem`).
 */
function resolveQuantities(items: readonly { description: string; quantity: number | null; unitPrice: number }[], total: number | null, issues: string[]): LineItem[] {
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

/**
 * Turns the OCR output of a document (one result per page) into invoice fields. Rows are rebuilt
 * from word boxes; labelled fields are read after their label (English or French); item lines are rows
 * ending in `<qty> x <unit price> <currency>`; the QR payload, when present, is the reference for the
 * invoice number, date and time and the only source of the customer id and category.
 */
export function extractInvoice(pages: readonly OcrPageResult[]): ExtractedInvoice {
  // One OcrPageResult per page: with several, the position in the array is the page (each result numbers its own words from 0).
  const words = pages.length > 1 ? pages.flatMap((page, index) => page.words.map((w) => ({ ...w, page: index }))) : (pages[0]?.words ?? []);
  const rows = buildRows(words);
  const labels = findLabels(rows);
  const first = (field: LabelField): LabelledSegment | undefined => labels.find((l) => l.field === field);
  const issues: string[] = [];
  const language = detectLanguage(labels);

  // Invoice number: after the title label; the first title with a number-like value.
  let invoiceNumber: string | null = null;
  for (const l of labels.filter((x) => x.field === 'title')) {
    invoiceNumber = parseInvoiceNumber(l.value);
    if (invoiceNumber) break;
  }

  // Issue date and time: after the issue date label, else the first date anywhere.
  let issueDate: string | null = null;
  let issueTime: string | null = null;
  // Numeric dates are read day-first (ISO dates are unambiguous); month-first only when day-first is impossible.
  const monthFirst = false;
  const dateLabel = first('issueDate');
  if (dateLabel) ({ date: issueDate, time: issueTime } = parseDateTime(dateLabel.value, { monthFirst }));
  if (!issueDate) {
    for (const row of rows) {
      const parsed = parseDateTime(row.text, { monthFirst });
      if (parsed.date) {
        ({ date: issueDate, time: issueTime } = parsed);
        break;
      }
    }
  }

  // Customer name: after "Bill to", or on the row below when the label stands alone.
  let customerName: string | null = null;
  const billTo = first('billTo');
  if (billTo) {
    customerName = cleanName(billTo.value);
    if (!customerName) {
      const below = segmentBelow(rows, billTo.rowIndex, billTo.segment.bbox.x0 - (rows[billTo.rowIndex] as Row).height, billTo.segment.bbox.x1);
      customerName = below && !matchLabel(below.segment.words) ? cleanName(below.segment.text) : null;
    }
  }

  // Email: after its label, else the first address-looking token anywhere.
  const emailLabel = first('email');
  const emailMatch =
    (emailLabel && EMAIL_RE.exec(joinEmailParts(emailLabel.value))) || rows.map((r) => EMAIL_RE.exec(r.text)).find(Boolean);
  const customerEmail = emailMatch ? emailMatch[0] : null;

  // Address: the value after the label, and the next row (its segment starting at or right of the label).
  let customerAddressLine1: string | null = null;
  let customerAddressLine2: string | null = null;
  const addressLabel = first('address');
  if (addressLabel) {
    const block = addressLabel.segment.bbox;
    const tolerance = (rows[addressLabel.rowIndex] as Row).height;
    let lastRowIndex = addressLabel.rowIndex;
    customerAddressLine1 = cleanName(addressLabel.value);
    if (!customerAddressLine1) {
      const below = segmentBelow(rows, lastRowIndex, block.x0 - tolerance, block.x1 + 10 * tolerance);
      if (below && !matchLabel(below.segment.words)) {
        customerAddressLine1 = cleanName(below.segment.text);
        lastRowIndex = below.rowIndex;
      }
    }
    const below = segmentBelow(rows, lastRowIndex, block.x0 - tolerance, block.x1);
    if (below && !matchLabel(below.segment.words) && !parseItemLine(below.segment.text)) {
      customerAddressLine2 = cleanName(below.segment.text);
    }
  }

  // Line items and total.
  const totalLabel = [...labels].reverse().find((l) => l.field === 'total');
  const items: { description: string; quantity: number | null; unitPrice: number }[] = [];
  const currencies: string[] = [];
  rows.forEach((row, index) => {
    if (totalLabel && index === totalLabel.rowIndex) return;
    if (labels.some((l) => l.rowIndex === index && l.field !== 'total' && l.segment === row.segments[0])) return;
    const item = parseItemRow(row);
    if (!item) return;
    if (item.currency) currencies.push(item.currency);
    items.push({ description: item.description, quantity: item.quantity, unitPrice: item.unitPrice });
  });

  let total: number | null = null;
  if (totalLabel) {
    const row = rows[totalLabel.rowIndex] as Row;
    const labelWords = totalLabel.segment.words.slice(0, totalLabel.match.wordCount);
    const valueWords = row.words.slice(row.words.indexOf(labelWords[labelWords.length - 1] as OcrWord) + 1);
    const valueText = valueWords.map((w) => w.text).join(' ');
    total = parseAmount(valueText);
    const currency = detectCurrency(valueText);
    if (currency) currencies.unshift(currency);
  }
  const lineItems = resolveQuantities(items, total, issues);
  const currency = currencies[0] ?? rows.map((r) => detectCurrency(r.text)).find((c) => c !== null) ?? null;

  // QR code: the reference for number, date and time when it is there.
  const qr = parseQrPayload(pages.find((p) => p.qrPayload)?.qrPayload ?? null);
  let customerId: string | null = null;
  let customerCategory: string | null = null;
  if (qr) {
    if (qr.invoiceNumber) {
      if (invoiceNumber && !sameIdentifier(invoiceNumber, qr.invoiceNumber)) issues.push('qr_text_mismatch:invoiceNumber');
      invoiceNumber = qr.invoiceNumber;
    }
    if (qr.issueDate) {
      if (issueDate && issueDate !== qr.issueDate) issues.push('qr_text_mismatch:issueDate');
      issueDate = qr.issueDate;
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

  issues.push(...checkInvoice({ invoiceNumber, issueDate, customerName, total, lineItems }));

  return {
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
  };
}
