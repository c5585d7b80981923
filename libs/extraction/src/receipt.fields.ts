import type { OcrWord } from '@invoice/contracts';
import { fixDigitConfusions, parseAmount, roundCents } from './amount.parser.js';
import type { Row } from './rows.builder.js';
import { editDistance, isOcrSlip, labelKey, normalizeQuotes, normalizeSpaces } from './text.normalize.js';

/**
 * Fields of a till receipt (no "Bill to", a narrow single column): the shop's name and address at the top,
 * the total at the bottom among subtotals, tax lines, rounding, cash tendered and change. Pure functions
 * over the rows rebuilt from the OCR words (rows.builder.ts).
 */

/** A value read from the rows, with the words it came from (for its confidence). */
export interface ReadValue<T> {
  value: T;
  words: OcrWord[];
}

export interface ReceiptHeader {
  name: ReadValue<string> | null;
  address: ReadValue<string> | null;
}

/** Words typical of a company name on a receipt. */
export const COMPANY_WORD_RE =
  /\b(sdn|bhd|s\/b|enterprise|trading|store|stores|mart|restaurant|restoran|cafe|café|bakery|kedai|co\.?|ltd|inc|llc|plc|sarl|sas|gmbh|hardware|stationery|supermarket|hypermarket|market|shop|pharmacy|farmacia|services?|industries|holdings?|bookstore|boutique|bistro|kitchen|cuisine|food|foods|station|syarikat|perniagaan|perusahaan|niaga)\b/i;
/** Words that may make up a line of their own under a company name ("TRADING", "SDN BHD", "CO. (M) SDN BHD"). */
const NAME_SUFFIX_WORD_RE = /^(\(?m\)?|co\.?|sdn\.?|bhd\.?|sdn\.?bhd\.?|s\/b|ltd\.?|inc\.?|llc|plc|enterprise|trading|berhad|limited|&)$/i;
/** A company name line that starts with a legal suffix continues the line above it. */
const NAME_CONTINUATION_RE = /^(co\.?|sdn\.?|bhd|s\/b|ltd|inc|llc|berhad|limited)\b/i;
/** Who owns or formerly owned the shop, franchises: not the address, not the name line itself. */
const OWNERSHIP_RE =
  /\b(formerly|known\s+as|licensee|franchisee?|member\s+of|own(ed)?\s+by|operated\s+by|managed\s+by|a\s+subsidiary|fka)\b/i;
/** "OWN BY: CHEF LEE SDN BHD" -> "CHEF LEE SDN BHD". */
const OWNER_PREFIX_RE = /^.*\b(?:own(?:ed)?|operated|managed)\s+by\b\s*[:.-]?\s*/i;
/** Courtesy lines printed at the top or bottom of a receipt, never its issuer. */
const COURTESY_RE =
  /\b(thank(s| you)?|terima\s+kasih|come\s+again|welcome|goods\s+sold|returnable|refund|feedback|complaint|tq\s+for|shopping\s+with|exchange)\b/i;
/** A contact line: phone, fax, e-mail, web. */
const CONTACT_RE =
  /\b(tel|telefon|t[eé]l[eé]phone|phone|fax|h\/p|hp|mobile|hotline|careline|email|e-mail|website|www|http)\b|@|\.\s?com\b|\.\s?my\b/i;
/** A tax or company registration line: "GST ID : 0019...", "GST REG NO", "CO. REG", "(GST ID NO: ...)". */
const TAX_ID_RE =
  /\b(gst|sst|tax|vat|tva|siret|siren|co\.?|company|business|roc)\b[^\p{L}]*(id|no|reg|registration|number|num)\b|\b(gst|sst)\s*(id|no|reg)|\bco\.?\s*-?\s*reg\b|\breg(istration)?\.?\s*no\b/iu;
/** A line that registers the company only: "(001451637-M)", "1030214K", "CO-REG:860671-D". */
const REGISTRATION_ONLY_RE =
  /^[^\p{L}\p{N}]*(?:co\.?\s*-?\s*(?:reg|no)\.?\s*[:.]?\s*)?\(?\s*[A-Z]{0,3}\d[\dA-Z-]*\s*\)?[^\p{L}\p{N}]*$|\bno\b[^\p{L}\p{N}]*\(?\d{4,}-[A-Z]\)?[^\p{L}\p{N}]*$/iu;
/** The body of the receipt starts: document titles and cashier lines. */
const BODY_RE =
  /\b(invoice|receipt|resit|cashier|cash\s*sales?|cash\s*bill|bill\s*no|doc(ument)?\s*no|order|table|counter|terminal|trans(action)?|slip|date|time|pos|member|qty|item|description)\b/i;
/** A date printed anywhere in a line. */
const DATE_RE = /\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}/;
/** A phone number without its label: "03-7932 1023", "(603) 6243 5520", "012-373 2096". */
const PHONE_RE = /(?<![\d\p{L}])(?:\(?\+?\d{2,4}\)?[-\s]?)?\d{2,4}[-\s]\d{3,4}(?:\s?\d{3,4})?(?![\d\p{L}])/u;
/** A postcode: five digits before a town name, not a lot or unit number ("LOT 34817 JALAN ..."). */
const POSTCODE_RE = /(?<!\b(?:lot|no|unit|blok|block|pt|ptd|#)\.?\s*)(?<![\d-])\d{5}(?![\d-])/i;
/** A country ends an address. */
const COUNTRY_END_RE =
  /\b(malaysia|singapore|indonesia|thailand|brunei|france|belgique|belgium|suisse|switzerland|luxembourg|germany|deutschland|united\s+kingdom|uk|usa)\b[\s.,]*$/i;

const letterCount = (text: string): number => (text.match(/\p{L}/gu) ?? []).length;
const meanConfidence = (words: readonly OcrWord[]): number => words.reduce((a, w) => a + w.confidence, 0) / Math.max(words.length, 1);

/**
 * A registration number after a name, with what trails it: in brackets ("AEON CO. (M) BHD (126926-H)",
 * "(CO. NO. 113825-W") or a long number with its check letter ("BAKERY 000965911-P").
 */
export function stripRegistration(text: string): string {
  return normalizeSpaces(
    text.replace(/\s*[({[][^(){}[\]]*\d[^(){}[\]]*[)}\]]?[^\p{L}\p{N}]*$/u, '').replace(/\s+\d{5,}[-.]?[A-Z]?[^\p{L}\p{N}]*$/iu, ''),
  );
}

/**
 * A line worth reading as text: tesseract's noise on logos, stamps and the paper's edge is short,
 * symbol-heavy and low in confidence. Address lines are digit-heavy ("LOT 1851-A & 1851-B, JALAN KPB 6,"),
 * so letters and digits count together, with some letters. Registration numbers are left out.
 */
export function readableLine(row: Row): boolean {
  const text = stripRegistration(row.text);
  const chars = text.replace(/\s/g, '');
  const alnum = (chars.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return (
    /\p{L}{3}/u.test(text) && alnum >= chars.length * 0.6 && letterCount(chars) >= chars.length * 0.3 && meanConfidence(row.words) >= 50
  );
}

type LineKind = 'noise' | 'courtesy' | 'registration' | 'contact' | 'taxId' | 'bracketed' | 'ownership' | 'body' | 'text';

/** What a header line is (the first match wins, in this order). */
export function headerLineKind(row: Row): LineKind {
  const text = row.text;
  if (REGISTRATION_ONLY_RE.test(text)) return 'registration';
  if (TAX_ID_RE.test(text)) return 'taxId';
  if (CONTACT_RE.test(text) || (PHONE_RE.test(text) && letterCount(text) < 6)) return 'contact';
  if (!readableLine(row)) return 'noise';
  if (COURTESY_RE.test(text)) return 'courtesy';
  if (/^[^\p{L}\p{N}]*\(.*\)[^\p{L}\p{N}]*$/u.test(text)) return 'bracketed';
  if (OWNERSHIP_RE.test(text) && !OWNER_PREFIX_RE.test(text)) return 'ownership';
  if (BODY_RE.test(text) || DATE_RE.test(text)) return 'body';
  return 'text';
}

/** A line's text without the leaders and trailers OCR adds ("* ", " -"); an address line keeps its final comma or point. */
function cleanLine(text: string): string {
  const tokens = normalizeSpaces(normalizeQuotes(text)).split(' ');
  // OCR reads the paper's edge, a fold or a stamp as stray symbols at either end of a line ("| |", "©", "—").
  const symbol = (t: string | undefined): boolean => t !== undefined && !/[\p{L}\p{N}]/u.test(t);
  while (symbol(tokens[0])) tokens.shift();
  while (symbol(tokens[tokens.length - 1])) tokens.pop();
  return tokens.join(' ').replace(/^[:\-–.,*'"|\s]+|[:\-–*'"|\s]+$/g, '');
}

/** Countries printed in brackets in the legal names of subsidiaries. */
const BRACKETED_COUNTRIES = ['MALAYSIA', 'SINGAPORE', 'THAILAND', 'INDONESIA'];

/**
 * OCR slips in a company name's legal form, which is a closed vocabulary: "SDN BHD" read "SON BHD", "SIN BHD",
 * "Sdn.Ehd" (one letter off in one of the pair), "S/B" read "5/B" or "S/R", the "(M)" before it read "(H)"; digits
 * read for letters inside an abbreviation of single letters ("D.1.Y." -> "D.I.Y."); and a zero between two letters,
 * which is the letter O ("S0ON" -> "SOON").
 */
export function repairCompanyName(name: string): string {
  const near = (word: string, target: string): boolean => word.length === 3 && editDistance(word.toUpperCase(), target, 1) <= 1;
  const repaired = name
    .replace(/\b([A-Za-z]{3})([ .]{0,2})([A-Za-z]{3})\b\.?$/, (whole, first: string, gap: string, second: string) => {
      const f = first.toUpperCase();
      const s = second.toUpperCase();
      if ((f === 'SDN' && near(s, 'BHD')) || (s === 'BHD' && near(f, 'SDN')))
        return `${/[a-z]/.test(first) ? 'Sdn' : 'SDN'}${gap}${/[a-z]/.test(second) ? 'Bhd' : 'BHD'}`;
      return whole;
    })
    .replace(/(^|\s)[S5][/|][BRD8]\.?$/i, '$1S/B')
    .replace(/\(H\)(?=\s*SDN\b)/i, '(M)')
    .replace(/(?<=(\p{L}))0(?=\p{L})/gu, (_zero, before: string) => (/\p{Ll}/u.test(before) ? 'o' : 'O'))
    // A bracketed country of a company's legal name ("THE STORE (MALAYSIA) SDN BHD") with its brackets read as letters ("CHALAYSIAS").
    .replace(/(?<=\s)[C(\[{]([A-Za-z]{7,9}?)[)SJ1\]}](?=\s|$)/g, (whole, inner: string) => {
      const country = BRACKETED_COUNTRIES.find((c) => inner.toUpperCase() === c || isOcrSlip(inner.toUpperCase(), c));
      return country ? `(${country})` : whole;
    });
  // Single letters between dots: a digit among them is a letter ("D.1.Y." -> "D.I.Y.", "M.0.S." -> "M.O.S.").
  return repaired.replace(/\b(?:[A-Za-z0-9]\.){2,}[A-Za-z0-9]?\.?(?=\s|$)/g, (token) =>
    /[A-Za-z]/.test(token) ? token.replace(/1/g, 'I').replace(/0/g, 'O').replace(/5/g, 'S').replace(/8/g, 'B') : token,
  );
}

/** A company's legal form or trade word, the end of its name: what OCR adds after it is noise ("YONG CEN ENTERPRISE POST"). */
const LEGAL_FORM_WORD_RE = /^(sdn\.?|bhd\.?|sdn\.bhd\.?|berhad|s\/b|enterprise|trading|ltd\.?|limited|inc\.?|llc|plc|sarl|sas|gmbh)$/i;

/** A company name ends at its legal form: one or two trailing words after the last legal-form word are dropped. */
export function endAtLegalForm(name: string): string {
  const tokens = name.split(' ');
  let last = -1;
  tokens.forEach((t, i) => {
    if (LEGAL_FORM_WORD_RE.test(t)) last = i;
  });
  const trailing = tokens.length - 1 - last;
  return last >= 0 && trailing >= 1 && trailing <= 2 ? tokens.slice(0, last + 1).join(' ') : name;
}

/** How many header lines are looked at for the name. */
const NAME_WINDOW = 12;
/** How many candidate lines may hold the name (a company word is looked for among them). */
const NAME_CANDIDATES = 4;

/**
 * The issuer of a receipt. Name: among the first readable lines of the first page (courtesy lines, logos'
 * noise, registration and contact lines, bracketed notes skipped), the first with a company word (SDN BHD,
 * ENTERPRISE, TRADING, RESTAURANT, ...), else the first; "OWNED BY:" prefixes and registration numbers are
 * removed, a name line starting with a legal suffix ("CO. (M) SDN BHD") takes the line above, and a line of
 * suffixes only under it ("TRADING") is added. Address: the lines after the name (registration, tax id,
 * ownership and bracketed lines before it skipped) until a contact, tax id, date or document line; the line
 * with the postcode ends it, with one short line after it (state, country, branch) unless it ends with the
 * country.
 */
export function extractReceiptHeader(rows: readonly Row[]): ReceiptHeader {
  const page = rows[0]?.page ?? 0;
  const first = rows.filter((r) => r.page === page);
  const kinds = first.map(headerLineKind);
  const candidates: number[] = [];
  for (let i = 0; i < Math.min(first.length, NAME_WINDOW) && candidates.length < NAME_CANDIDATES; i++) {
    const kind = kinds[i] as LineKind;
    if (kind === 'body' && candidates.length > 0) break;
    // A name has a word of four letters or more, or a company word ("MR. D.I.Y. (M) SDN BHD"): short scraps ("3 18 Ol Olt") are OCR noise around a logo.
    if (kind === 'text' && (/\p{L}{4}/u.test((first[i] as Row).text) || COMPANY_WORD_RE.test((first[i] as Row).text))) candidates.push(i);
  }
  const nameIndex = candidates.find((i) => COMPANY_WORD_RE.test(stripRegistration((first[i] as Row).text))) ?? candidates[0];
  if (nameIndex === undefined) return { name: null, address: null };

  const nameRow = first[nameIndex] as Row;
  let nameText = stripRegistration(nameRow.text).replace(OWNER_PREFIX_RE, '');
  let nameWords = nameRow.words;
  const above = first[nameIndex - 1];
  if (NAME_CONTINUATION_RE.test(nameText) && above && readableLine(above)) {
    nameText = `${stripRegistration(above.text)} ${nameText}`;
    nameWords = [...above.words, ...nameWords];
  }
  let addressFrom = nameIndex + 1;
  const below = first[nameIndex + 1];
  if (below) {
    const belowText = stripRegistration(below.text);
    const words = belowText.split(/\s+/);
    if (words.length <= 4 && words.every((w) => NAME_SUFFIX_WORD_RE.test(w))) {
      nameText = `${nameText} ${belowText}`;
      nameWords = [...nameWords, ...below.words];
      addressFrom++;
    }
  }
  const name = endAtLegalForm(repairCompanyName(cleanLine(nameText).replace(/[,;]+$/, '')));

  const lines: string[] = [];
  const addressWords: OcrWord[] = [];
  let postcodeSeen = false;
  for (let i = addressFrom; i < first.length && lines.length < 6; i++) {
    const row = first[i] as Row;
    const kind = kinds[i] as LineKind;
    const text = cleanLine(row.text);
    if (lines.length === 0) {
      // Before the address: the registration, tax id, web address, owner and branch notes.
      if (kind === 'registration' || kind === 'taxId' || kind === 'bracketed' || kind === 'ownership' || kind === 'noise') continue;
      if (kind === 'contact' && !/\b(tel|phone|fax|h\/p|hp|mobile)\b/i.test(row.text) && !PHONE_RE.test(row.text)) continue;
      if (kind === 'text' && COMPANY_WORD_RE.test(text) && !/\d/.test(text)) continue;
      if (OWNERSHIP_RE.test(above?.text ?? '') && i === addressFrom) continue;
    }
    if (kind === 'contact' || kind === 'taxId' || kind === 'courtesy' || kind === 'bracketed' || DATE_RE.test(row.text)) break;
    if (kind === 'body' && !POSTCODE_RE.test(row.text)) break;
    if (kind === 'registration' || (kind === 'noise' && !/\d/.test(row.text))) break;
    if (!/\p{L}/u.test(text)) break;
    if (postcodeSeen) {
      // One short line after the postcode's: the state, the country or the branch.
      if (text.split(/\s+/).length <= 3 && !POSTCODE_RE.test(text)) {
        lines.push(text);
        addressWords.push(...row.words);
      }
      break;
    }
    lines.push(text);
    addressWords.push(...row.words);
    if (POSTCODE_RE.test(text)) {
      postcodeSeen = true;
      if (COUNTRY_END_RE.test(text)) break;
    }
  }
  return {
    name: name && /\p{L}{2}/u.test(name) ? { value: name, words: nameWords } : null,
    address: lines.length ? { value: normalizeSpaces(lines.join(' ')), words: addressWords } : null,
  };
}

/** A total's label: "TOTAL" (one OCR slip allowed), "JUMLAH", "AMOUNT DUE", "PAYABLE", "GRAND TOTAL". */
function hasTotalWord(row: Row): boolean {
  if (/\b(jumlah|amount\s*due|payable|balance\s*due|nett?\s*amount)\b/i.test(row.text)) return true;
  return row.words.some((w) => {
    const key = labelKey(w.text);
    return key === 'total' || (key.length >= 5 && key.length <= 6 && editDistance(key, 'total', 1) <= 1 && /^t/.test(key));
  });
}

/** Totals that are not what was paid: of quantities, items, tax, before tax or discount, savings. */
const NOT_PAID_TOTAL_RE =
  /\b(qty|quantity|quantities|items?|ltem|discount|disc|saving|savings|excl\.?|exclusive|excluding|before|ex|points?|weight)\b|\b(total|jumlah)\s*(gst|tax|vat|sst|tva)\b|\bsub\s*-?\s*total\b|\bsubtotal\b|\binclud(es?|ed|ing)\b.*\b(gst|tax|vat)\b|\b(gst|tax|vat)\b.*\binclud(es?|ed|ing)\b|^\W*(gst|tax|vat|sst|tva)\b/i;
/** The final amount after rounding or adjustments: the strongest total label. */
const FINAL_TOTAL_RE = /\b(rounded|rounding|after\s*(adj|adjustment|rounding)|nett?|grand|payable|amount\s*due|balance\s*due)\b/i;
/** Total including tax. */
const INCL_TOTAL_RE = /\b(incl|inclusive|including|inc)\b/i;
/** The tax summary block (per tax code: amount, tax): its "TOTAL" row is the tax base. */
const TAX_SUMMARY_RE = /\b(gst|tax|sst|vat)\s*summary\b|\b(tax|gst)\s*code\b|\bsummary\b/i;
/** What the customer handed over, and what came back. */
const TENDER_RE = /\b(cash|tender(ed)?|tunai|paid|payment|visa|master\s*card|mastercard|card|credit|debit)\b/i;
const CHANGE_RE = /\b(change|baki|balance)\b/i;

/**
 * An amount with two decimals in one token as OCR reads receipts: "12.50", "RM8.50", "$8.20", "75.00SR",
 * "RMS.00" (5 read as S), "30.,30" (a doubled separator). Null for anything else (a percentage, a quantity).
 */
export function receiptAmount(token: string): number | null {
  if (/%/.test(token)) return null;
  const text = token.replace(/^[^\p{L}\p{N}]*(rm|myr|usd|eur|[$€£])/iu, '').replace(/[.,:]{2,}/g, '.');
  // As printed ("75.00SR": a tax code after it), else with look-alike letters read as digits ("S.00", "50.0C").
  for (const candidate of [text, fixDigitConfusions(text.replace(/(?<=[.,]\d)C$/i, '0'))]) {
    const m = /(?<![\d.,])(\d[\d,.]*[.,]\d{2})(?![\d%])/.exec(candidate);
    if (m) return parseAmount(m[1] as string);
  }
  return null;
}

/**
 * The last amount with two decimals in a row's words (receipts: "TOTAL (RM) 12.50", "RM8.50", "TOTAL: $8.20"),
 * also when OCR split it after the decimal separator ("49. 39", "RM30., 30").
 */
export function lastAmount(words: readonly OcrWord[]): ReadValue<number> | null {
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] as OcrWord;
    const previous = words[i - 1];
    const previousText = previous?.text.replace(/^[^\p{L}\p{N}]*(rm|myr|usd|eur|[$€£])/iu, '') ?? '';
    if (previous && /[\dOoSlIB][.,:]+$/.test(previousText) && /^[\dOoSlI]{2}[^\p{L}\p{N}]*$/u.test(word.text)) {
      const joined = receiptAmount(previous.text + word.text);
      if (joined !== null) return { value: joined, words: [previous, word] };
    }
    const value = receiptAmount(word.text);
    if (value !== null) return { value, words: [word] };
  }
  return null;
}

/** The amount of a labelled row: on the row, else alone on the next row ("TOTAL:" / "105.00"). */
function rowAmount(rows: readonly Row[], index: number): ReadValue<number> | null {
  const row = rows[index] as Row;
  const own = lastAmount(row.words);
  if (own) return own;
  const next = rows[index + 1];
  if (next && next.page === row.page && next.words.length <= 3 && letterCount(next.text.replace(/\brm\b/gi, '')) === 0)
    return lastAmount(next.words);
  return null;
}

type Strength = 3 | 2 | 1;

/** Cash totals are rounded to the smallest coin: differences under it are rounding, not another amount. */
export const ROUNDING_STEP = 0.05;

interface TotalCandidate extends ReadValue<number> {
  index: number;
  strength: Strength;
}

type Payment = (ReadValue<number> & { index: number }) | null;

/** Whether `read` is `whole` with one digit of its units lost, its cents the same: "1.20" of "21.20", "2.25" of "22.25". */
export function lostOneDigit(whole: number, read: number): boolean {
  const [a = '', aCents] = whole.toFixed(2).split('.');
  const [b = '', bCents] = read.toFixed(2).split('.');
  if (aCents !== bCents || b.length !== a.length - 1) return false;
  for (let i = 0; i < a.length; i++) if (a.slice(0, i) + a.slice(i + 1) === b) return true;
  return false;
}

/**
 * The total rows before the tax summary (not totals of quantities, tax or before tax), and the cash (or card)
 * tendered and the change printed after the last of them.
 */
function scanTotals(rows: readonly Row[]): { candidates: TotalCandidate[]; tender: Payment; change: Payment } {
  const summary = rows.findIndex((r) => TAX_SUMMARY_RE.test(r.text));
  const end = summary < 0 ? rows.length : summary;
  const candidates: TotalCandidate[] = [];
  let tender: Payment = null;
  let change: Payment = null;
  for (let i = 0; i < end; i++) {
    const row = rows[i] as Row;
    if (hasTotalWord(row) && !NOT_PAID_TOTAL_RE.test(row.text)) {
      const amount = rowAmount(rows, i);
      if (amount && amount.value > 0) {
        const strength: Strength = FINAL_TOTAL_RE.test(row.text) ? 3 : INCL_TOTAL_RE.test(row.text) ? 2 : 1;
        candidates.push({ ...amount, index: i, strength });
        // Cash and change are printed after the total they pay ("CARD" above it is an item).
        tender = null;
        change = null;
      }
      continue;
    }
    if (CHANGE_RE.test(row.text)) {
      const amount = rowAmount(rows, i);
      if (amount && tender && !change) change = { ...amount, index: i };
    } else if (TENDER_RE.test(row.text) && !/\bcashier\b/i.test(row.text)) {
      const amount = rowAmount(rows, i);
      if (amount && !tender) tender = { ...amount, index: i };
    }
  }
  return { candidates, tender, change };
}

/** What a receipt says was paid: the amount tendered after its last total, less the change; null when none is printed. */
export function receiptPaid(rows: readonly Row[]): number | null {
  const { tender, change } = scanTotals(rows);
  const paid = tender ? roundCents(tender.value - (change?.value ?? 0)) : null;
  return paid !== null && paid > 0 ? paid : null;
}

/**
 * The amount paid on a receipt: among the total rows before the tax summary (not totals of quantities, tax
 * or before tax), the one equal to cash tendered minus change when both are printed; else the strongest
 * label (rounded / nett / grand / payable, then including tax, then a plain total), the last of them.
 * Without any total row, cash minus change. Null when nothing is found.
 */
export function extractReceiptTotal(rows: readonly Row[]): (ReadValue<number> & { by: 'label' | 'payment' }) | null {
  const { candidates, tender, change } = scanTotals(rows);
  const paid = tender ? roundCents(tender.value - (change?.value ?? 0)) : null;
  if (paid !== null && paid > 0) {
    const matching = candidates.filter((c) => Math.abs(c.value - paid) < 0.005);
    const best = matching[matching.length - 1];
    if (best) return { value: best.value, words: best.words, by: 'label' };
  }
  if (candidates.length) {
    const strongest = Math.max(...candidates.map((c) => c.strength));
    const best = candidates.filter((c) => c.strength === strongest).pop() as TotalCandidate;
    // The total read with a digit lost ("1.20" for "21.20"): what was tendered less the change prints it whole.
    if (paid !== null && change && lostOneDigit(paid, best.value))
      return { value: paid, words: [...tender!.words, ...change.words], by: 'payment' };
    // Cash minus change a few cents off the total: the total rounded to the coin (printed on a "ROUNDING" line or not).
    if (paid !== null && paid > 0 && change && Math.abs(paid - best.value) < ROUNDING_STEP - 0.001) {
      return { value: paid, words: [...tender!.words, ...change.words], by: 'payment' };
    }
    return { value: best.value, words: best.words, by: 'label' };
  }
  if (paid !== null && paid > 0 && tender) return { value: paid, words: [...tender.words, ...(change?.words ?? [])], by: 'payment' };
  return null;
}

/** Words only a till receipt prints: what was tendered, the change, the cashier, the receipt, the rounding, the sales tax. */
const RECEIPT_WORD_RE = /\b(cash|change|cashier|receipt|resit|tunai|baki|rounding|tender(ed)?|gst|sst)\b/i;

/**
 * Whether the page is a till receipt, read by the receipt rules: a text column much taller than wide, or a
 * page that names no customer ("Bill to") and prints receipt words (cash, change, cashier, GST, ...).
 */
export function isReceiptPage(rows: readonly Row[], namesCustomer: boolean): boolean {
  return receiptShaped(rows) || (!namesCustomer && rows.some((r) => RECEIPT_WORD_RE.test(r.text)));
}

/** Whether the page reads like a till receipt: a text column much taller than wide. */
export function receiptShaped(rows: readonly Row[]): boolean {
  const page = rows[0]?.page ?? 0;
  const words = rows.filter((r) => r.page === page).flatMap((r) => r.words);
  if (words.length < 10) return false;
  const width = Math.max(...words.map((w) => w.bbox.x1)) - Math.min(...words.map((w) => w.bbox.x0));
  const height = Math.max(...words.map((w) => w.bbox.y1)) - Math.min(...words.map((w) => w.bbox.y0));
  return height >= 1.6 * width;
}
