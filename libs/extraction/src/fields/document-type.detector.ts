import type { KnownDocumentType, OcrWord } from '@invoice/contracts';
import { isReceiptPage } from '../receipt.fields.js';
import type { Row } from '../rows.builder.js';
import { joinSpacedLetters } from '../text.normalize.js';
import { foldLabelText } from './labelled.value.js';

/**
 * Title words of each document type in English, French, German, Dutch, Spanish and Italian (folded text),
 * matched at the start of a text block in the upper part of the first page. A credit note is checked
 * first: its title often names the invoice it corrects ("Credit note for invoice 123").
 */
const TITLES: readonly { type: KnownDocumentType; re: RegExp }[] = [
  // A self-billed invoice, issued by the buyer, is an invoice though German titles it "Gutschrift".
  {
    type: 'invoice',
    re: /^(self[-\s]?bill(ed|ing)(\s+invoice)?|gutschrift\s*\(?\s*selbst\s*ausgestellte\s+rechnung|autofactur(e|ation)|autofactura(cion)?|autofattura|zelffacturering|self[-\s]?billing\s+factuur)(?![\p{L}])/u,
  },
  {
    type: 'credit_note',
    re: /^(credit\s*note|credit\s*memo|gutschrift|stornorechnung|(facture\s+d')?avoir|creditnota|credit\s*nota|creditfactuur|abono|factura\s+rectificativa|nota\s+de\s+credito|nota\s+(di\s+)?credito)(?![\p{L}])/u,
  },
  {
    type: 'receipt',
    re: /^((sales\s+|cash\s+|payment\s+)?receipt|recu|ticket\s+de\s+caisse|quittung|kassenbon|kassenbeleg|kassabon|kwitantie|recibo|ricevuta|scontrino)(?![\p{L}])/u,
  },
  // German and Dutch compounds name the kind of invoice: "Handelsrechnung", "Teilrechnung", "Rechnungs-Korrektur", "Eindfactuur".
  {
    type: 'invoice',
    re: /^((tax\s+|vat\s+|commercial\s+|corrected\s+)?invoice|facture(\s+rectificative)?|\p{L}*rechnung|rechnungs-?korrektur|\p{L}*factuur|factura|fattura)(?![\p{L}])/u,
  },
];

/** Labels of a customer block in English, French, German, Dutch, Spanish and Italian (folded text, at the start of a block). */
const CUSTOMER_LABEL_RE =
  /^(bill(ed)?\s+to|invoice\s+to|sold\s+to|customer|client|facture\s+a|destinataire|kunde|kaufer|rechnungsempfanger|leistungsempfanger|empfanger|klant|factuur\s+aan|afnemer|cliente|facturar\s+a|destinatario|spett\.?\s*le)(?![\p{L}])/u;

/** Whether a block of the first page starts with a customer label. */
function labelsCustomer(rows: readonly Row[]): boolean {
  const page = rows[0]?.page ?? 0;
  return rows.some((r) => r.page === page && r.segments.some((s) => CUSTOMER_LABEL_RE.test(foldLabelText(s.text))));
}

/** The share of the first page's height, from the top, where a title is looked for. */
const TITLE_ZONE = 0.35;

/** Words only a till receipt prints: what was paid with, the change, the cashier (six languages). */
const TILL_WORD_RE =
  /^(cash|change|cashier|tendered|rounding|especes|rendu|monnaie|caissier|bar|ruckgeld|wechselgeld|gegeben|kassierer|contant|wisselgeld|kassier|efectivo|cambio|cajero|contanti|resto|cassiere)[:.]?$/;

/** Change given back, as a till prints it (six languages), and what was tendered (cash, in six languages). */
const CHANGE_WORD_RE = /^(change|rendu|monnaie|ruckgeld|wechselgeld|wisselgeld|cambio|resto)[:.]?$/;
const CASH_WORD_RE = /^(cash|tendered|especes|bar|contant|efectivo|contanti)[:.]?$/;
const AMOUNT_RE = /\d[.,]\s?\d{1,2}$/;

/** Whether a row starts with a word of `re` and ends with an amount. */
const paymentRow = (row: Row, re: RegExp): boolean =>
  re.test(foldLabelText(row.words[0]?.text ?? '')) && row.words.length > 1 && AMOUNT_RE.test(row.text.trim());

/**
 * Whether the page records a payment at the till: a row of cash tendered and, under it, a row of change given,
 * each with its amount. An invoice is paid later; a document that gives change is a receipt whatever its title
 * ("Tax invoice", "Cash sale") and whoever it names as the customer.
 */
export function paidAtTill(rows: readonly Row[]): boolean {
  const cash = rows.findIndex((r) => paymentRow(r, CASH_WORD_RE));
  return cash >= 0 && rows.slice(cash + 1).some((r) => paymentRow(r, CHANGE_WORD_RE));
}

/** Text this many times taller than wide is a till roll whatever its title (an A4 page's text stays under 2). */
const TILL_ROLL_ASPECT = 2.5;

/** Height over width of the first page's text. */
function textAspect(rows: readonly Row[]): number {
  const page = rows[0]?.page ?? 0;
  const words = rows.filter((r) => r.page === page).flatMap((r) => r.words);
  const width = Math.max(...words.map((w) => w.bbox.x1)) - Math.min(...words.map((w) => w.bbox.x0));
  const height = Math.max(...words.map((w) => w.bbox.y1)) - Math.min(...words.map((w) => w.bbox.y0));
  return width > 0 ? height / width : Number.POSITIVE_INFINITY;
}

export interface DocumentTypeReading {
  type: KnownDocumentType | null;
  /** The words that tell it: the title, or on a till roll without a title, its payment words. */
  words: OcrWord[];
  /** Two cues agree: a receipt title or a till roll, an invoice title and a customer block. */
  corroborated: boolean;
}

function titleOf(rows: readonly Row[]): { type: KnownDocumentType; words: OcrWord[] } | null {
  const page = rows[0]?.page ?? 0;
  const pageRows = rows.filter((r) => r.page === page);
  const top = Math.min(...pageRows.map((r) => r.centerY));
  const bottom = Math.max(...pageRows.map((r) => r.centerY));
  const limit = top + (bottom - top) * TITLE_ZONE;
  for (const { type, re } of TITLES) {
    for (const row of pageRows) {
      if (row.centerY > limit && pageRows.indexOf(row) > 2) break;
      const segment = row.segments.find((s) => re.test(foldLabelText(s.text)));
      if (segment)
        return { type, words: segment.words.slice(0, Math.max(1, (re.exec(foldLabelText(segment.text))?.[0] ?? '').split(/\s+/).length)) };
      // A letter-spaced title ("R E C H N U N G"): its letters are its words.
      const spaced = row.segments.find((s) => re.test(joinSpacedLetters(foldLabelText(s.text))));
      if (spaced) return { type, words: spaced.words.filter((w) => /^\p{L}$/u.test(w.text)) };
    }
  }
  return null;
}

/**
 * What the document is: a credit note or a receipt by its title; a receipt when it gives change at the till
 * ({@link paidAtTill}); an invoice by its title over a customer
 * block; a page read as a till receipt ({@link isReceiptPage}: a tall narrow column, or no customer and
 * cash, change, cashier...) is a receipt even when titled "Tax invoice", as many till receipts are; else an
 * invoice by its title or, untitled, by its customer block. Null when nothing tells.
 */
export function detectDocumentType(rows: readonly Row[], namesCustomer: boolean): DocumentTypeReading {
  if (rows.length === 0) return { type: null, words: [], corroborated: false };
  const title = titleOf(rows);
  const tillRoll = isReceiptPage(rows, namesCustomer);
  if (title?.type === 'credit_note') return { type: 'credit_note', words: title.words, corroborated: namesCustomer };
  if (title?.type === 'receipt') return { type: 'receipt', words: title.words, corroborated: tillRoll || !namesCustomer };
  if (paidAtTill(rows)) {
    const words = rows.flatMap((r) => r.words).filter((w) => TILL_WORD_RE.test(foldLabelText(w.text)));
    return { type: 'receipt', words: words.slice(0, 3), corroborated: true };
  }
  // An invoice title over a customer block: an invoice, unless the text is a till roll's narrow column.
  if (title?.type === 'invoice' && (namesCustomer || labelsCustomer(rows)) && textAspect(rows) < TILL_ROLL_ASPECT)
    return { type: 'invoice', words: title.words, corroborated: true };
  if (tillRoll) {
    const words = rows.flatMap((r) => r.words).filter((w) => TILL_WORD_RE.test(foldLabelText(w.text)));
    return { type: 'receipt', words: words.slice(0, 3), corroborated: words.length > 0 };
  }
  if (title?.type === 'invoice') return { type: 'invoice', words: title.words, corroborated: namesCustomer };
  return { type: namesCustomer ? 'invoice' : null, words: [], corroborated: false };
}
