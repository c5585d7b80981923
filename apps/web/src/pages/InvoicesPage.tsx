import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DOCUMENT_STATUSES, type InvoiceListResponse, type InvoiceSort } from '@invoice/contracts';
import { query } from '../lib/api.js';
import { formatDate, formatDateTime, formatMoney } from '../lib/format.js';
import { filtersToApiQuery, filtersToSearch, parseFilters, toggleSort, type InvoiceFilters } from '../lib/invoice-filters.js';
import { useApi } from '../lib/use-api.js';
import { Empty, ErrorState, Loading, StatusBadge } from '../components/states.js';

const PAGE_SIZE = 25;

/** Filters, sort and page cursor live in the URL; the previous pages' cursors too, so Back and reload keep the page. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = parseFilters(search);
  const cursors = search.getAll('page');
  const cursor = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useApi<InvoiceListResponse>(
    `/api/invoices${query(filtersToApiQuery(filters, PAGE_SIZE, cursor))}`,
  );
  const apply = (next: InvoiceFilters) => setSearch(filtersToSearch(next));
  const goto = (pages: string[]) => {
    const next = filtersToSearch(filters);
    for (const page of pages) next.append('page', page);
    setSearch(next);
  };
  const header = (column: InvoiceSort, label: string, end = false) => {
    const sorted = filters.sort === column;
    return (
      <th
        scope="col"
        className={`sortable ${end ? 'text-end' : ''}`}
        aria-sort={sorted ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" onClick={() => apply(toggleSort(filters, column))}>
          {label} {sorted ? (filters.order === 'asc' ? '▲' : '▼') : ''}
        </button>
      </th>
    );
  };
  return (
    <>
      <h1 className="h3">{t('list.title')}</h1>
      {(filters.issuedFrom || filters.issuedTo) && (
        <p className="mb-2" data-testid="issued-filter">
          <span className="badge text-bg-info me-2">
            {t('list.issued', { from: filters.issuedFrom ?? '…', to: filters.issuedTo ?? '…' })}
          </span>
          <button
            type="button"
            className="btn btn-sm btn-link p-0"
            onClick={() => apply({ ...filters, issuedFrom: undefined, issuedTo: undefined })}
          >
            {t('list.removeIssued')}
          </button>
        </p>
      )}
      <FilterForm
        key={filtersToSearch(filters).toString()}
        filters={filters}
        onApply={apply}
        onClear={() => setSearch(new URLSearchParams())}
      />
      {error && <ErrorState error={error} onRetry={reload} />}
      {!data && !error && <Loading height={400} />}
      {data && data.items.length === 0 && <Empty>{t('list.empty')}</Empty>}
      {data && data.items.length > 0 && (
        <div className="table-responsive" tabIndex={0} role="region" aria-label={t('list.title')} style={{ opacity: loading ? 0.6 : 1 }}>
          <table className="table table-hover table-sm align-middle table-cards" data-testid="invoice-table">
            <thead>
              <tr>
                {header('invoiceNumber', t('fields.invoiceNumber'))}
                {header('customerName', t('fields.customerName'))}
                {header('issueDate', t('fields.issueDate'))}
                {header('total', t('fields.total'), true)}
                {header('status', t('list.status'))}
                <th scope="col" className="d-none d-md-table-cell">
                  {t('list.file')}
                </th>
                {header('createdAt', t('list.uploaded'))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={row.documentId}>
                  <td>
                    <Link to={`/invoices/${row.documentId}`}>{row.invoiceNumber ?? row.filename}</Link>
                    {row.documentType && row.documentType !== 'invoice' && (
                      <span className="badge text-bg-light border ms-1" data-testid="document-type">
                        {t(`documentTypes.${row.documentType}`, { defaultValue: row.documentType })}
                      </span>
                    )}
                  </td>
                  <td data-label={t('fields.customerName')}>{row.customerName ?? '—'}</td>
                  <td data-label={t('fields.issueDate')}>
                    {row.issueDate ? <time dateTime={row.issueDate}>{formatDate(row.issueDate, i18n.language)}</time> : '—'}
                  </td>
                  <td className="text-end" data-label={t('fields.total')}>
                    {formatMoney(row.total, row.currency, i18n.language)}
                  </td>
                  <td data-label={t('list.status')}>
                    <StatusBadge status={row.status} />
                  </td>
                  <td className="d-none d-md-table-cell text-truncate" style={{ maxWidth: 200 }}>
                    {row.filename}
                  </td>
                  <td className="small" data-label={t('list.uploaded')}>
                    {formatDateTime(row.createdAt, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (
        <nav className="d-flex align-items-center gap-2" aria-label={t('list.pages')}>
          <button
            type="button"
            className="btn btn-sm btn-outline-secondary"
            disabled={cursors.length === 0}
            onClick={() => goto(cursors.slice(0, -1))}
          >
            {t('list.previous')}
          </button>
          <span className="small text-secondary">{t('list.page', { n: cursors.length + 1 })}</span>
          <button
            type="button"
            className="btn btn-sm btn-outline-secondary"
            disabled={!data.nextCursor}
            onClick={() => goto([...cursors, data.nextCursor!])}
          >
            {t('list.next')}
          </button>
        </nav>
      )}
    </>
  );
}

/** The filter fields; remounted (key) when the URL changes, so Back and Clear show what is applied. */
function FilterForm({
  filters,
  onApply,
  onClear,
}: {
  filters: InvoiceFilters;
  onApply: (next: InvoiceFilters) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<InvoiceFilters>(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, sort: filters.sort, order: filters.order });
  };
  const field = (key: keyof InvoiceFilters, label: string, type = 'text', col = 'col-6 col-md-3 col-lg-2') => (
    <div className={col}>
      <label className="form-label small mb-0" htmlFor={`f-${key}`}>
        {label}
      </label>
      <input
        id={`f-${key}`}
        type={type}
        className="form-control form-control-sm"
        value={draft[key] ?? ''}
        min={type === 'number' ? 0 : undefined}
        step={type === 'number' ? 'any' : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value || undefined })}
      />
    </div>
  );

  return (
    <form className="row g-2 align-items-end mb-3" onSubmit={submit} aria-label={t('list.filters')} data-testid="filters">
      {field('q', t('list.search'), 'search', 'col-12 col-md-4 col-lg-2')}
      <div className="col-6 col-md-3 col-lg-2">
        <label className="form-label small mb-0" htmlFor="f-status">
          {t('list.status')}
        </label>
        <select
          id="f-status"
          className="form-select form-select-sm"
          value={draft.status ?? ''}
          onChange={(e) => setDraft({ ...draft, status: (e.target.value || undefined) as InvoiceFilters['status'] })}
        >
          <option value="">{t('list.any')}</option>
          {DOCUMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {field('customer', t('list.customer'))}
      {field('from', t('list.from'), 'date')}
      {field('to', t('list.to'), 'date')}
      {field('minTotal', t('list.minTotal'), 'number', 'col-6 col-md-2 col-lg-1')}
      {field('maxTotal', t('list.maxTotal'), 'number', 'col-6 col-md-2 col-lg-1')}
      <div className="col-12 col-md-auto d-flex gap-2">
        <button type="submit" className="btn btn-sm btn-primary">
          {t('list.apply')}
        </button>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={onClear}>
          {t('list.clear')}
        </button>
      </div>
    </form>
  );
}
