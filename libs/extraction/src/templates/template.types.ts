import type { BBox } from '@invoice/contracts';

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
  /**
   * Values this way read on checked invoices that were not the field's (the latest {@link MAX_WRONG_VALUES}): a value
   * the layout prints on every invoice after the same label ("Codelisten-Version 3.0 vom 15.11.2019") is passed over.
   */
  wrong?: string[];
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
  /**
   * The vendor's name or address as a person typed it (vendor fields only: the same on every invoice of the layout),
   * and how many checked invoices in a row gave it. A later page that prints it, misread by OCR slips only, is given
   * the typed text ({@link typedMatches}), wherever on the page it is.
   */
  typed?: { text: string; count: number };
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
  /** How often the way it was found read right and wrong on later invoices a person checked (see {@link FieldObservation.misses}). */
  hits: number;
  misses: number;
  /** Which of the field's learned ways found it (its index in the field's observations; -1 for an absent value). */
  observation: number;
  /** The value is the text a person typed for the layout's vendor, found on the page ({@link FieldTemplate.typed}). */
  typed?: boolean;
}

export type TemplateValues = Partial<Record<TemplateField, TemplateValue>>;

/** Values a person gave (corrected or confirmed), by field; other keys are ignored. */
export type CorrectedFields = Partial<Record<string, unknown>>;

export const MAX_OBSERVATIONS = 5;
export const MAX_WRONG_VALUES = 5;
export const MAX_SOURCES = 200;
export const MAX_TOKENS = 400;
export const MAX_LABEL_WORDS = 4;
export const MAX_VALUE_WORDS = 12;
/** A page belongs to a template's layout from this score on (see {@link templateMatchScore}). */
export const TEMPLATE_MATCH_THRESHOLD = 0.5;
