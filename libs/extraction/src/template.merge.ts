import type { ExtractedInvoice, FieldEvidenceMap, InvoiceFieldName } from '@invoice/contracts';
import { fieldConfidence } from './field.confidence.js';
import { runChecks } from './invoice.checks.js';
import type { TemplateField, TemplateValues } from './vendor.template.js';

/** Issues {@link runChecks} produces: recomputed after template values are merged in. */
const CHECK_ISSUE =
  /^(missing:|line_amount_mismatch:|implausible_date:|implausible:|(total|subtotal|tax_total|tax_rate)_mismatch$|due_before_issue$|invalid_email$|same_party$)/;

/** Template values need this many agreeing examples to replace a value the extraction read without complaint. */
export const TEMPLATE_PREFERRED_EXAMPLES = 2;

/** Fields the QR code set (the most reliable source): a template never replaces them. */
const QR_FIELDS: readonly string[] = ['invoiceNumber', 'issueDate'];

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
 *   corrected invoices of the layout agree on where the field is and it was found after its learned label:
 *   a person twice showed the field is there, while the generic rules may have picked another date or amount.
 * With a single example, a value found after the learned label that differs from the extraction's is not
 * used but reported (`template_mismatch:<field>`), which sends the invoice to review.
 * A value the extraction read that equals what at least {@link TEMPLATE_PREFERRED_EXAMPLES} examples found after
 * the learned label is confirmed: it counts as a template field, with the template's confidence.
 * Fields the QR code gave are kept. Only fields the invoice has are set. The checks are then recomputed,
 * and a template field's evidence (source `template`) is its words' confidence from the template, raised
 * when a check confirms it and halved when one fails, like any other field's.
 */
export function mergeTemplateValues<T extends ExtractedInvoice>(
  extracted: T,
  values: TemplateValues,
  options: { qrPayload?: string | null } = {},
): TemplateMerge<T> {
  const invoice: T = { ...extracted };
  const record = invoice as unknown as Record<string, unknown>;
  const templateFields: TemplateField[] = [];
  const mismatches: string[] = [];
  const confirmed: TemplateField[] = [];
  for (const [field, found] of Object.entries(values) as [TemplateField, NonNullable<TemplateValues[TemplateField]>][]) {
    if (!(field in invoice)) continue;
    if (options.qrPayload && QR_FIELDS.includes(field) && record[field] !== null) continue;
    const current = record[field];
    const preferred = found.examples >= TEMPLATE_PREFERRED_EXAMPLES && found.via === 'label';
    // Where the extraction reads what a person showed twice, the value is confirmed: the template's confidence stands.
    if (current === found.value) {
      if (preferred) confirmed.push(field);
      continue;
    }
    const failed =
      current === null ||
      current === undefined ||
      extracted.issues.includes(`missing:${field}`) ||
      (field === 'total' && extracted.issues.includes('total_mismatch'));
    if (!failed && !preferred) {
      // One example found another value after the learned label: a person should decide.
      if (found.via === 'label') mismatches.push(`template_mismatch:${field}`);
      continue;
    }
    record[field] = found.value;
    templateFields.push(field);
  }
  templateFields.push(...confirmed);
  if (templateFields.length || mismatches.length) {
    const outcome = runChecks(invoice);
    invoice.issues = [...extracted.issues.filter((issue) => !CHECK_ISSUE.test(issue)), ...outcome.issues, ...mismatches];
    const evidence: FieldEvidenceMap = { ...invoice.fieldEvidence };
    for (const field of templateFields) {
      const found = values[field]!;
      const name = field as InvoiceFieldName;
      evidence[name] = {
        confidence: fieldConfidence({
          wordConfidences: [found.confidence * 100],
          source: 'template',
          passed: outcome.passed.has(name),
          failed: outcome.failed.has(name),
        }),
        wordIndexes: found.wordIndexes,
        source: 'template',
      };
    }
    invoice.fieldEvidence = evidence;
  }
  return { invoice, templateFields };
}
