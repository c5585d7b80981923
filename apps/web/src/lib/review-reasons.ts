import type { InvoiceFieldName } from '@invoice/contracts';

/** What a row of the review form is about: an invoice field, or the line items. */
export type ReviewTarget = InvoiceFieldName | 'lineItems' | 'issueTime';

/** One reason an invoice is in review, read from its issue code: its kind, the fields it concerns, the line it names. */
export interface Reason {
  code: string;
  kind: string;
  /** A field the reason names (`missing:total` → total), when it names one. */
  field: string | null;
  /** The fields it is shown next to. */
  targets: ReviewTarget[];
  /** 1-based line number (`line_amount_mismatch:2`). */
  line: number | null;
}

/** Fields each cross-field check involves (as the server's checks in libs/extraction compare them). */
const CHECK_TARGETS: Record<string, ReviewTarget[]> = {
  total_mismatch: ['total', 'lineItems'],
  subtotal_mismatch: ['subtotal', 'lineItems'],
  tax_total_mismatch: ['subtotal', 'taxAmount', 'total'],
  tax_rate_mismatch: ['taxRate', 'taxAmount', 'subtotal'],
  due_before_issue: ['issueDate', 'dueDate'],
  same_party: ['vendorName', 'customerName'],
  invalid_email: ['customerEmail'],
  qr_unparsed: [],
  new_layout: [],
};

/** Kinds whose text exists in both languages (`reasons.<kind>`); others are shown by their code. */
export const REASON_KINDS = [
  'missing',
  'low_confidence',
  'line_amount_mismatch',
  'total_mismatch',
  'subtotal_mismatch',
  'tax_total_mismatch',
  'tax_rate_mismatch',
  'due_before_issue',
  'same_party',
  'invalid_email',
  'implausible_date',
  'implausible',
  'corrected',
  'template_mismatch',
  'new_layout',
  'qr_text_mismatch',
  'qr_unparsed',
  'invalid_checksum',
  'unreadable',
  'inferred',
] as const;

const LINE_KINDS = new Set(['line_amount_mismatch', 'unreadable', 'inferred']);

export function parseReason(code: string): Reason {
  const colon = code.indexOf(':');
  const kind = colon < 0 ? code : code.slice(0, colon);
  const rest = colon < 0 ? null : code.slice(colon + 1);
  const checkTargets = Object.hasOwn(CHECK_TARGETS, kind) ? CHECK_TARGETS[kind] : undefined;
  if (checkTargets) return { code, kind, field: null, targets: checkTargets, line: null };
  if (kind === 'line_amount_mismatch') return { code, kind, field: null, targets: ['lineItems'], line: Number(rest) || null };
  // `corrected:accents:lineItem` and the like: the field is the last part.
  const field = rest === null ? null : (rest.split(':').at(-1) ?? null);
  if (LINE_KINDS.has(kind) || field === 'lineItem' || field === 'lineItems')
    return { code, kind, field: 'lineItems', targets: ['lineItems'], line: null };
  return { code, kind, field, targets: field ? [field as ReviewTarget] : [], line: null };
}

/** The i18n key and values to say a reason in words; unknown kinds fall back to their code. */
export function reasonMessage(reason: Reason): { key: string; values: Record<string, string | number> } {
  const known = (REASON_KINDS as readonly string[]).includes(reason.kind);
  if (!known) return { key: 'reasons.unknown', values: { code: reason.code } };
  if (reason.kind === 'inferred') return { key: 'reasons.inferred', values: { column: reason.code.split(':')[1] ?? '' } };
  return { key: `reasons.${reason.kind}`, values: { field: reason.field ?? '', line: reason.line ?? '' } };
}

/** Reasons grouped by the field they are shown next to; those naming no field under `general`. */
export function reasonsByTarget(issues: readonly string[]): { byTarget: Map<ReviewTarget, Reason[]>; general: Reason[] } {
  const byTarget = new Map<ReviewTarget, Reason[]>();
  const general: Reason[] = [];
  for (const code of issues) {
    const reason = parseReason(code);
    if (reason.targets.length === 0) general.push(reason);
    for (const target of reason.targets) byTarget.set(target, [...(byTarget.get(target) ?? []), reason]);
  }
  return { byTarget, general };
}

/**
 * The flagged element after the one in focus in the form's order (wrapping around), or before it
 * going back; from the start (or the end) when the focus is elsewhere. Null when none is flagged.
 */
export function nextFlagged(
  order: readonly string[],
  flagged: ReadonlySet<string>,
  current: string | null,
  backwards = false,
): string | null {
  const ids = order.filter((id) => flagged.has(id));
  const [first] = ids;
  const last = ids.at(-1);
  if (first === undefined || last === undefined) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at < 0) return backwards ? last : first;
  const before = ids.filter((id) => order.indexOf(id) < at);
  const after = ids.filter((id) => order.indexOf(id) > at);
  return backwards ? (before.at(-1) ?? last) : (after[0] ?? first);
}
