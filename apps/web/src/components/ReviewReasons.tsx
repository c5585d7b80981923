import { useTranslation } from 'react-i18next';
import { parseReason, reasonMessage, type Reason } from '../lib/review-reasons.js';

const COLUMN_KEYS: Record<string, string> = { quantity: 'invoice.quantity', unitPrice: 'invoice.unitPrice', amount: 'invoice.amount' };

/** Says a reason in the chosen language, with the field it names by its label. */
export function useReasonText(): (reason: Reason) => string {
  const { t } = useTranslation();
  return (reason) => {
    const { key, values } = reasonMessage(reason);
    const field =
      typeof values.field === 'string' && values.field ? t(`fields.${values.field}`, { defaultValue: values.field }) : values.field;
    const column =
      typeof values.column === 'string' && values.column
        ? t(COLUMN_KEYS[values.column] ?? values.column, { defaultValue: values.column })
        : values.column;
    return t(key, { ...values, field, column });
  };
}

/** Reasons shown next to the field they concern; `id` lets the field's input refer to them. */
export function ReasonNotes({ reasons, id }: { reasons: readonly Reason[]; id?: string }) {
  const text = useReasonText();
  if (reasons.length === 0) return null;
  return (
    <ul className="list-unstyled small text-warning-emphasis mb-0 mt-1" id={id} data-testid="reasons">
      {reasons.map((reason) => (
        <li key={reason.code} data-code={reason.code}>
          {text(reason)}
        </li>
      ))}
    </ul>
  );
}

/** Every reason of an invoice in words (the code kept in `data-code`). */
export function ReasonsList({ issues }: { issues: readonly string[] }) {
  const text = useReasonText();
  return (
    <ul className="list-unstyled" data-testid="issues">
      {issues.map((code) => (
        <li key={code} data-code={code}>
          <span className="badge text-bg-warning me-1" aria-hidden="true">
            !
          </span>
          {text(parseReason(code))}
        </li>
      ))}
    </ul>
  );
}
