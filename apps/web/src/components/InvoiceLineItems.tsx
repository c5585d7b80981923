import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceResponse } from '@invoice/contracts';
import { apiSend, ApiError } from '../lib/api.js';
import { itemsFromRows, rowsFromItems } from '../lib/line-items.form.js';
import { LineItemsTable, type Invoice } from './InvoiceDetails.js';
import { LineItemsEditor } from './LineItemsEditor.js';
import { ErrorState } from './states.js';

/**
 * The invoice page's line items: the table, and for those who may correct, an editor saved through
 * the correction API (`PATCH` with `lineItems`, audited like any correction).
 */
export function InvoiceLineItems({
  document,
  canEdit,
  onSaved,
}: {
  document: InvoiceResponse;
  canEdit: boolean;
  onSaved: (saved: InvoiceResponse) => void;
}) {
  const { t } = useTranslation();
  const invoice = document.invoice as Invoice;
  const [rows, setRows] = useState(() => rowsFromItems(invoice.lineItems));
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const open = () => {
    setRows(rowsFromItems(invoice.lineItems));
    setErrors({});
    setError(undefined);
    setSaved(false);
    setEditing(true);
  };
  const save = async () => {
    const { items, errors: invalid } = itemsFromRows(rows);
    setErrors(invalid);
    if (!items) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await apiSend<InvoiceResponse>('PATCH', `/api/invoices/${document.documentId}`, { lineItems: items });
      setEditing(false);
      setSaved(true);
      onSaved(answer);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <div data-testid="invoice-line-items">
        <LineItemsTable invoice={invoice} />
        {saved && (
          <p className="small text-success" role="status">
            {t('items.saved')}
          </p>
        )}
        {canEdit && (
          <button type="button" className="btn btn-sm btn-outline-primary mb-3" onClick={open} data-testid="items-edit">
            {t('items.edit')}
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="mb-3"
      data-testid="invoice-line-items"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
      }}
    >
      <LineItemsEditor
        rows={rows}
        onChange={setRows}
        totals={{ subtotal: invoice.subtotal, taxAmount: invoice.taxAmount, total: invoice.total }}
        currency={invoice.currency}
        errors={errors}
        disabled={busy}
        idPrefix="i-item"
      />
      {error && <ErrorState error={error} />}
      <div className="d-flex gap-2 mt-2">
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy} data-testid="items-save">
          {t('items.save')}
        </button>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setEditing(false)} disabled={busy}>
          {t('items.cancel')}
        </button>
      </div>
    </form>
  );
}
