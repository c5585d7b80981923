import type { ExtractedInvoice, FieldEvidenceMap, InvoiceFieldName, OcrWord } from '@invoice/contracts';
import { fieldConfidence } from '../field.confidence.js';
import { runChecks } from '../invoice.checks.js';
import type { TemplateField, TemplateValue, TemplateValues } from './template.types.js';

/** Issues {@link runChecks} produces: recomputed after template values are merged in. */
const CHECK_ISSUE =
  /^(missing:|line_amount_mismatch:|implausible_date:|implausible:|(total|subtotal|tax_total|tax_rate)_mismatch$|due_before_issue$|invalid_email$|same_party$)/;

/** Template values need this many agreeing examples to replace a value the extraction read without complaint. */
export const TEMPLATE_PREFERRED_EXAMPLES = 2;

/** Fields the QR code set (the most reliable source): a template never replaces them. */
const QR_FIELDS: readonly string[] = ['invoiceNumber', 'issueDate'];

/**
 * What a template's value does to the value the extraction read (a way of finding the field that read wrong on
 * later invoices a person checked more than once in five, {@link TemplateValue.misses}, is not trusted: its value only
 * fills a gap):
 * - `confirm`: the same value, found after the learned label (one example is enough: two readings agree), or the text a
 *   person typed for the vendor's name or address, recognized at its place;
 * - `agree`: the same value, found by position only (no evidence either way);
 * - `replace`: the extraction has no value or its check failed, or the template is preferred (two examples, after the label,
 *   where they had it), or it gives the vendor's typed text that the extraction read otherwise;
 * - `mismatch`: another value after the learned label, where the examples had it, on a single example: a person decides;
 * - `keep`: another value found by position, or away from the learned place: the extraction's stands.
 * A field the layout does not print (people left it empty on its invoices) is a `mismatch` when the extraction read one.
 */
export type TemplateVerdict = 'confirm' | 'agree' | 'replace' | 'mismatch' | 'keep';

/** Checked invoices a way must have read right for each one it read wrong to stay a witness (wrong at most one time in five). */
export const HITS_PER_MISS = 4;

/** A way that read wrong on invoices a person checked is a witness only while it read right at least {@link HITS_PER_MISS} times as often. */
const trustedWay = (found: TemplateValue): boolean => found.misses === 0 || found.hits >= HITS_PER_MISS * found.misses;

export function templateVerdict(current: unknown, found: TemplateValue, failed: boolean): TemplateVerdict {
  const trusted = trustedWay(found);
  // The layout prints no such value: a value read is another thing a person should look at.
  if (found.value === null) return current === null || current === undefined ? 'keep' : 'mismatch';
  // The vendor's text a person typed, recognized at its place: the reading is that text, misread or not.
  if (found.typed && trusted) return current === found.value ? 'confirm' : 'replace';
  const preferred = trusted && found.examples >= TEMPLATE_PREFERRED_EXAMPLES && found.via === 'label' && found.near;
  if (current === found.value) return !trusted ? 'keep' : found.via === 'label' ? 'confirm' : 'agree';
  if (failed || preferred) return 'replace';
  return found.via === 'label' && found.near && trusted ? 'mismatch' : 'keep';
}

/** The amounts the sums check (subtotal + tax = total, the lines' sum): a sum that holds vouches for their digits. */
const SUM_FIELDS: readonly InvoiceFieldName[] = ['subtotal', 'taxAmount', 'total'];

/** Whether two readings share words that OCR read (confidence under 100; a text layer's words are exact). */
function oneOcrReading(a: readonly number[], b: readonly number[], words: readonly OcrWord[] | undefined): boolean {
  return b.some((i) => a.includes(i) && (words?.[i]?.confidence ?? 100) < 100);
}

/**
 * The confidence of a value two readings agree on, the extraction's (`own`) and the template's at the place a
 * person showed: each one's doubt is independent of the other's, so the doubts multiply.
 */
export function agreedConfidence(own: number, template: number): number {
  return Math.round((1 - (1 - own) * (1 - template)) * 1000) / 1000;
}

export interface TemplateMerge<T extends ExtractedInvoice> {
  invoice: T;
  /** Fields whose value now comes from the template. */
  templateFields: TemplateField[];
}

/**
 * Merges a learned template's values into an extraction. A template value is used:
 * - when the extraction has no value for the field, or its check failed (`missing:<field>`,
 *   `total_mismatch` for the total, a QR mismatch excepted); or
 * - always (it wins over a value the extraction read) when at least {@link TEMPLATE_PREFERRED_EXAMPLES}
 *   checked invoices of the layout agree on where the field is, it was found after its learned label where they had
 *   it, and that way never read wrong: a person twice showed the field is there, while the generic rules may have
 *   picked another date or amount (see {@link templateVerdict}).
 * With a single example, a value found after the learned label that differs from the extraction's is not
 * used but reported (`template_mismatch:<field>`), which sends the invoice to review.
 * A value the extraction read that equals what the template found after the learned label, or the vendor's text a
 * person typed, is confirmed: it counts as a template field, with {@link agreedConfidence} of both readings (halved
 * when a check fails). The same OCR words (`options.words`: the words the indexes refer to; confidence under 100)
 * found both ways are one reading, unless a check vouches for the value (a sum that holds): the value keeps its own
 * confidence and threshold (an OCR slip in them is in both).
 * Fields the QR code gave are kept. Only fields the invoice has are set. The checks are then recomputed,
 * and the evidence of a value the template supplied (source `template`) is its words' confidence from the template,
 * raised when a check confirms it and halved when one fails, like any other field's.
 */
export function mergeTemplateValues<T extends ExtractedInvoice>(
  extracted: T,
  values: TemplateValues,
  options: { qrPayload?: string | null; words?: readonly OcrWord[] } = {},
): TemplateMerge<T> {
  const invoice: T = { ...extracted };
  const record = invoice as unknown as Record<string, unknown>;
  const templateFields: TemplateField[] = [];
  const mismatches: string[] = [];
  const confirmed: TemplateField[] = [];
  // Amounts whose digits a sum vouches for, whatever the words they were read from.
  const passed = runChecks(extracted).passed;
  const vouched = new Set(SUM_FIELDS.filter((f) => passed.has(f)));
  for (const [field, found] of Object.entries(values) as [TemplateField, NonNullable<TemplateValues[TemplateField]>][]) {
    if (!(field in invoice)) continue;
    if (options.qrPayload && QR_FIELDS.includes(field) && record[field] !== null) continue;
    const current = record[field];
    const failed =
      current === null ||
      current === undefined ||
      extracted.issues.includes(`missing:${field}`) ||
      (field === 'total' && extracted.issues.includes('total_mismatch'));
    const verdict = templateVerdict(current, found, failed);
    // The extraction read what a person showed at this place: two readings agree, unless they are one OCR reading of
    // the same words (the template then says where the value is, not that its characters were read right), or the value
    // is the text a person typed.
    const own = extracted.fieldEvidence[field as InvoiceFieldName]?.wordIndexes ?? [];
    if (
      verdict === 'confirm' &&
      (found.typed || vouched.has(field as InvoiceFieldName) || !oneOcrReading(found.wordIndexes, own, options.words))
    )
      confirmed.push(field);
    // One example found another value after the learned label: a person should decide.
    if (verdict === 'mismatch') mismatches.push(`template_mismatch:${field}`);
    if (verdict !== 'replace') continue;
    record[field] = found.value;
    templateFields.push(field);
  }
  if (templateFields.length || confirmed.length || mismatches.length) {
    const outcome = runChecks(invoice);
    invoice.issues = [...extracted.issues.filter((issue) => !CHECK_ISSUE.test(issue)), ...outcome.issues, ...mismatches];
    const evidence: FieldEvidenceMap = { ...invoice.fieldEvidence };
    for (const field of [...templateFields, ...confirmed]) {
      const found = values[field]!;
      const name = field as InvoiceFieldName;
      const own = extracted.fieldEvidence[name]?.confidence ?? 0;
      const agreed = confirmed.includes(field) ? agreedConfidence(own, found.confidence) : null;
      const failed = outcome.failed.has(name);
      evidence[name] = {
        confidence:
          agreed === null
            ? fieldConfidence({ wordConfidences: [found.confidence * 100], source: 'template', passed: outcome.passed.has(name), failed })
            : Math.round((failed ? agreed * 0.5 : agreed) * 1000) / 1000,
        wordIndexes: found.wordIndexes,
        source: 'template',
      };
    }
    invoice.fieldEvidence = evidence;
  }
  templateFields.push(...confirmed);
  return { invoice, templateFields };
}
