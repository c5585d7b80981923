import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../lib/format.js';
import {
  emptyRow,
  insertRow,
  LINE_ITEM_COLUMNS,
  moveRow,
  parseAmount,
  removeRow,
  rowCheck,
  sumCheck,
  type LineItemColumn,
  type LineItemRow,
} from '../lib/line-items.form.js';

const COLUMN_LABELS: Record<LineItemColumn, string> = {
  description: 'invoice.description',
  quantity: 'invoice.quantity',
  unitPrice: 'invoice.unitPrice',
  amount: 'invoice.amount',
};

export interface LineItemsEditorProps {
  rows: LineItemRow[];
  onChange: (rows: LineItemRow[]) => void;
  /** The amounts the sum is checked against, as currently typed. */
  totals: { subtotal: number | null; taxAmount: number | null; total: number | null };
  currency: string | null;
  /** Errors keyed `row.column` (from the contract's schema). */
  errors?: Record<string, string>;
  disabled?: boolean;
  /** 1-based lines a check names (`line_amount_mismatch:n`), and whether the lines as a whole are in doubt. */
  flaggedLines?: ReadonlySet<number>;
  flagged?: boolean;
  idPrefix: string;
}

/**
 * Line items as a table of inputs: edit, add, remove and reorder from the keyboard (Alt+↑/↓ moves a
 * line, Alt+Enter adds one below, Alt+Delete removes it), with quantity x unit price and the sum of
 * the lines checked against the subtotal or total as the person types.
 */
export function LineItemsEditor({
  rows,
  onChange,
  totals,
  currency,
  errors = {},
  disabled,
  flaggedLines,
  flagged,
  idPrefix,
}: LineItemsEditorProps) {
  const { t, i18n } = useTranslation();
  const focusNext = useRef<string | null>(null);
  const cellId = (index: number, column: LineItemColumn) => `${idPrefix}-${index}-${column}`;
  const money = (value: number) => formatMoney(value, currency, i18n.language);
  const sum = sumCheck(rows, totals);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [rows]);

  const change = (next: LineItemRow[], focus: string | null) => {
    focusNext.current = focus;
    onChange(next);
  };
  const setCell = (index: number, column: LineItemColumn, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [column]: value } : row)));
  const onKey = (event: KeyboardEvent, index: number, column: LineItemColumn) => {
    if (!event.altKey) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const to = Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowUp' ? -1 : 1)));
      change(moveRow(rows, index, to - index), cellId(to, column));
    } else if (event.key === 'Enter') {
      change(insertRow(rows, index + 1), cellId(index + 1, 'description'));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      const next = removeRow(rows, index);
      change(next, next.length === 0 ? `${idPrefix}-add` : cellId(Math.min(index, next.length - 1), column));
    } else return;
    event.preventDefault();
  };

  return (
    <section data-testid="line-items-editor" aria-labelledby={`${idPrefix}-title`}>
      <h2 className="h6" id={`${idPrefix}-title`}>
        {t('items.title')}
      </h2>
      <p className="small text-secondary mb-1">{t('items.help')}</p>
      {/* A scrolling box on narrow screens: a tab stop of its own, named by the heading; positioned, so
          the visually hidden header text (absolutely placed) stays inside it rather than widening the page. */}
      <div className="table-responsive position-relative" tabIndex={0} role="region" aria-labelledby={`${idPrefix}-title`}>
        <table className="table table-sm align-middle mb-1">
          <thead>
            <tr>
              <th scope="col">#</th>
              {LINE_ITEM_COLUMNS.map((column) => (
                <th scope="col" key={column} className={column === 'description' ? '' : 'text-end'}>
                  {t(COLUMN_LABELS[column])}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('items.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const check = rowCheck(row);
              const lineFlagged = check.mismatch || flaggedLines?.has(index + 1) === true;
              return (
                <tr key={row.key} data-testid="line-item-row" data-mismatch={check.mismatch}>
                  <th scope="row" className="small text-secondary fw-normal">
                    {index + 1}
                  </th>
                  {LINE_ITEM_COLUMNS.map((column) => {
                    const error = errors[`${index}.${column}`];
                    const warn = column === 'amount' && lineFlagged;
                    const noteId = warn && check.expected !== null ? `${cellId(index, column)}-check` : undefined;
                    return (
                      <td
                        key={column}
                        style={column === 'description' ? { minWidth: '12rem' } : { minWidth: column === 'quantity' ? '4.5rem' : '6.5rem' }}
                      >
                        <input
                          id={cellId(index, column)}
                          className={`form-control form-control-sm ${column === 'description' ? '' : 'text-end'} ${error ? 'is-invalid' : warn ? 'border-warning' : ''}`}
                          aria-label={`${t('items.row', { n: index + 1 })}, ${t(COLUMN_LABELS[column])}`}
                          inputMode={column === 'description' ? undefined : 'decimal'}
                          value={row[column]}
                          placeholder={column === 'amount' && check.expected !== null ? String(check.expected) : undefined}
                          onChange={(e) => setCell(index, column, e.target.value)}
                          onKeyDown={(e) => onKey(e, index, column)}
                          disabled={disabled}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={noteId}
                          data-review-nav=""
                          data-flagged={warn || (flagged && index === 0 && column === 'description') ? 'true' : undefined}
                          data-testid={`item-${index}-${column}`}
                        />
                        {error && <div className="invalid-feedback">{error}</div>}
                        {noteId && check.mismatch && (
                          <div id={noteId} className="small text-warning-emphasis text-end" data-testid={`item-${index}-check`}>
                            {t('items.expected', { expected: money(check.expected!) })}
                          </div>
                        )}
                      </td>
                    );
                  })}
                  <td className="text-nowrap">
                    <button
                      type="button"
                      className="btn btn-sm btn-link px-1"
                      aria-label={t('items.up', { n: index + 1 })}
                      disabled={disabled || index === 0}
                      onClick={() => change(moveRow(rows, index, -1), cellId(index - 1, 'description'))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-link px-1"
                      aria-label={t('items.down', { n: index + 1 })}
                      disabled={disabled || index === rows.length - 1}
                      onClick={() => change(moveRow(rows, index, 1), cellId(index + 1, 'description'))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-link text-danger px-1"
                      aria-label={t('items.remove', { n: index + 1 })}
                      disabled={disabled}
                      onClick={() => change(removeRow(rows, index), `${idPrefix}-add`)}
                      data-testid={`item-${index}-remove`}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4} className="text-end fw-normal small">
                {t('items.sum')}
              </th>
              <td
                className={`text-end small ${sum.ok ? '' : 'text-warning-emphasis fw-semibold'}`}
                data-testid="items-sum"
                data-ok={sum.ok}
              >
                {money(sum.sum)}
                {sum.target && (
                  <div>
                    {sum.ok
                      ? t('items.sumOk', { target: t(`items.${sum.target}`) })
                      : t('items.sumMismatch', { target: t(`items.${sum.target}`), expected: money(sum.expected!) })}
                  </div>
                )}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {rows.length === 0 && <p className="small text-secondary">{t('items.none')}</p>}
      <button
        type="button"
        id={`${idPrefix}-add`}
        className="btn btn-sm btn-outline-secondary"
        onClick={() => change([...rows, emptyRow()], cellId(rows.length, 'description'))}
        disabled={disabled}
        data-review-nav=""
        data-flagged={flagged && rows.length === 0 ? 'true' : undefined}
        data-testid="item-add"
      >
        + {t('items.add')}
      </button>
    </section>
  );
}

/** The totals typed in a correction form, as numbers. */
export function typedTotals(values: Record<string, string>) {
  return {
    subtotal: parseAmount(values.subtotal ?? ''),
    taxAmount: parseAmount(values.taxAmount ?? ''),
    total: parseAmount(values.total ?? ''),
  };
}
