export { parseInvoiceNumber, joinEmailParts } from './fields.extractor.js';
export { extractInvoice, extractWithSignals } from './invoice.extractor.js';
export { extractByRules } from './fields.extractor.js';
export { parseAmount, parseQuantity, fixDigitConfusions, roundCents } from './amount.parser.js';
export { parseDate, parseTime, parseDateTime, isoDate, dateOrder, type ParsedDateTime } from './date.parser.js';
export { parseQrPayload, type QrInvoiceData } from './qr.parser.js';
export { detectCurrency } from './currency.parser.js';
export {
  parseItemLine,
  parseItemColumn,
  parseQuantitySlot,
  cleanDescription,
  currencyToken,
  type ParsedItemLine,
  type ItemColumn,
} from './line-item.parser.js';
export { buildRows, estimateSkew, refineSkew, splitSegments, type Row, type Segment, type RowOptions } from './rows.builder.js';
export { matchLabel, LABELS, type LabelDefinition, type LabelField, type LabelMatch, type Language } from './labels.matcher.js';
export { normalizeSpaces, normalizeQuotes, foldAccents, labelKey, editDistance, isOcrSlip } from './text.normalize.js';
export { customerKey, normalizeIdentityText, type CustomerIdentity } from './customer.key.js';
export { checkInvoice, type CheckedFields } from './invoice.checks.js';
export { learnTemplate, learnFromPage, sameTemplateValue } from './templates/template.learn.js';
export { applyTemplate } from './templates/template.read.js';
export { vendorKey, layoutTokens, templateMatchScore, matchTemplate } from './templates/template.match.js';
export { textFrame } from './templates/template.page.js';
export { parseTemplateValue } from './templates/template.values.js';
export {
  TEMPLATE_FIELDS,
  TEMPLATE_FIELD_KINDS,
  TEMPLATE_MATCH_THRESHOLD,
  type VendorTemplate,
  type FieldTemplate,
  type FieldObservation,
  type TemplateField,
  type TemplateValue,
  type TemplateValues,
  type TemplateValueKind,
  type CorrectedFields,
  type TextFrame,
} from './templates/template.types.js';
export {
  mergeTemplateValues,
  templateVerdict,
  agreedConfidence,
  TEMPLATE_PREFERRED_EXAMPLES,
  type TemplateMerge,
  type TemplateVerdict,
} from './templates/template.merge.js';
export { runChecks, REQUIRED_FIELDS, plausibleYears, taxUnread, type CheckOutcome } from './invoice.checks.js';
export {
  correctByArithmetic,
  misreadCandidates,
  type AmountFields,
  type ArithmeticCorrection,
  type CorrectedField,
} from './arithmetic.corrector.js';
export { fieldConfidence, reviewReasons, reviewThresholdsFor, type ConfidenceInput, type ReviewThresholds } from './field.confidence.js';
export { parseTaxValue } from './fields.extractor.js';
export { itemRereadRegions, type RereadRegionOptions } from './item.reread.js';
export { mergeRereads, acceptReread } from './reread.merge.js';
export { repairMalaysianAddress, type AddressRepair } from './malaysian-address.repair.js';
export { readItemTable, type TableItem, type TableReading } from './tables/table.reader.js';
export { findTableHeaders, type TableHeader } from './tables/header.finder.js';
export { COLUMN_LABELS, type ColumnKind, type ColumnLabel } from './tables/columns.lexicon.js';
export { buildDocument, documentWords, type DocumentModel, type DocLine } from './document/document.model.js';
export {
  matchLabels,
  matchLabelText,
  lookupLabel,
  LEXICON,
  LEXICON_ENTRIES,
  type LexiconEntry,
  type LexiconMatch,
} from './lexicon/lexicon.matcher.js';
export { LEXICON_FIELDS, LEXICON_LANGUAGES, type LexiconField, type LexiconLanguage } from './lexicon/lexicon.types.js';
export { buildCandidates, sameValue } from './candidates/candidate.builder.js';
export { ENDS_IN_LEGAL_FORM } from './candidates/candidate.features.js';
export { SCORED_FIELDS, FIELD_KIND, type Candidate, type ScoredField, type PriorValues } from './candidates/candidate.types.js';
export { trainChoiceModel, choiceProbabilities, type ChoiceModel, type ChoiceExample } from './scoring/choice.model.js';
export { valueOptions, type FieldOptions } from './scoring/value.options.js';
export { decodeJointly, amountAgreement, dateAgreement } from './scoring/joint.decoder.js';
export { scoreDocument, fieldOptions, optionsInDateOrder, dateOrderOpen } from './scoring/field.scorer.js';
export type { ScorerModel, ScoredValue, ValueOption, HeaderTruth } from './scoring/scorer.types.js';
export { fitLogistic, applyLogistic, type LogisticCalibration, type CalibrationRow } from './confidence/logistic.calibration.js';
export { checkAgreement, confidenceSignals } from './confidence/confidence.signals.js';
export { ITEM_SIGNALS, lineItemSignals } from './confidence/items.signals.js';
export { lineItemWordConfidences, withItemsConfidence } from './confidence/items.confidence.js';
export { ITEMS_MODEL } from './confidence/items.model.js';
export { RECEIPT_FIELDS, RECEIPT_SIGNALS, receiptSignals, withoutSecondReading, type ReceiptField } from './confidence/receipt.signals.js';
export { withReceiptConfidence } from './confidence/receipt.confidence.js';
export { RECEIPT_MODEL } from './confidence/receipt.model.js';
export { confirmRegions } from './confidence/confirm.regions.js';
export { secondAgreement, lineBoxes } from './confidence/second.agreement.js';
export { detectDocumentType, type DocumentTypeReading } from './fields/document-type.detector.js';
export { requiredFieldsFor, type RequiredField } from './fields/required.fields.js';
export { findIban, isValidIban, normalizeIban, readIban } from './fields/iban.reader.js';
export { findVatIds, isValidVatId, normalizeVatId, readVatIds } from './fields/vat-id.reader.js';
export { parseOrderNumber, readOrderNumber } from './fields/order-number.reader.js';
export { readAmountDue } from './fields/amount-due.reader.js';
export { parseTaxLine, readTaxLines, taxMatches } from './fields/tax-lines.reader.js';
export { readDocumentFields, type DocumentFields } from './fields/fields.reader.js';
