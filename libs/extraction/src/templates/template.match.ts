import type { OcrWord } from '@invoice/contracts';
import { buildRows, type Row } from '../rows.builder.js';
import { labelKey } from '../text.normalize.js';
import { findLabels, textFrame } from './template.page.js';
import { TEMPLATE_MATCH_THRESHOLD, type FieldObservation, type VendorTemplate } from './template.types.js';

/** The fingerprint is read from this top share of the page's text block: where a vendor prints its name, address and header labels. */
const HEADER_SHARE = 0.35;

/**
 * The layout fingerprint of one page: the alphabetic words (3+ letters, no digit) of the top
 * {@link HEADER_SHARE} of the first page's text block, as {@link labelKey}s, once each. The header is what
 * tells vendors apart (name, address, header labels); the bottom of a page (totals, payment terms,
 * "thank you") is much the same from one vendor to the next. Words in `leaveOut` (a learned example's
 * values other than the vendor's) are not counted.
 */
export function layoutTokens(words: readonly OcrWord[], leaveOut: ReadonlySet<OcrWord> = new Set()): string[] {
  const frame = textFrame(words);
  const limit = frame.y0 + HEADER_SHARE * frame.height;
  const tokens = new Set<string>();
  for (const word of words) {
    if (word.page !== 0 || word.bbox.y0 > limit || leaveOut.has(word)) continue;
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
