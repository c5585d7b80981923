import { DOCUMENT_STATUSES, INVOICE_SORTS, type DocumentStatus, type InvoiceSort } from '@invoice/contracts';

/** The invoice table's state, kept in the URL so a link or a reload shows the same rows. */
export interface InvoiceFilters {
  status?: DocumentStatus;
  from?: string;
  to?: string;
  /** Issue date range (the analytics charts open a month's invoices with it). */
  issuedFrom?: string;
  issuedTo?: string;
  customer?: string;
  minTotal?: string;
  maxTotal?: string;
  q?: string;
  sort: InvoiceSort;
  order: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: InvoiceFilters = { sort: 'createdAt', order: 'desc' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d+(\.\d+)?$/;

/** Reads the filters from a query string; anything malformed is dropped rather than sent to the API. */
export function parseFilters(search: URLSearchParams): InvoiceFilters {
  const text = (key: string) => search.get(key)?.trim() || undefined;
  const matching = (key: string, pattern: RegExp) => {
    const value = text(key);
    return value && pattern.test(value) ? value : undefined;
  };
  const status = text('status');
  const sort = text('sort');
  return {
    status: DOCUMENT_STATUSES.includes(status as DocumentStatus) ? (status as DocumentStatus) : undefined,
    from: matching('from', DATE),
    to: matching('to', DATE),
    issuedFrom: matching('issuedFrom', DATE),
    issuedTo: matching('issuedTo', DATE),
    customer: text('customer'),
    minTotal: matching('minTotal', AMOUNT),
    maxTotal: matching('maxTotal', AMOUNT),
    q: text('q'),
    sort: INVOICE_SORTS.includes(sort as InvoiceSort) ? (sort as InvoiceSort) : DEFAULT_FILTERS.sort,
    order: text('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** The query string for the URL (defaults left out, so the plain page has a plain URL). */
export function filtersToSearch(filters: InvoiceFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [keyof InvoiceFilters, string | undefined][]) {
    if (value === undefined || value === '' || value === DEFAULT_FILTERS[key as 'sort' | 'order']) continue;
    search.set(key, value);
  }
  return search;
}

/** Clicking a column: sort by it (descending first), or flip the order when it is already the sort. */
export function toggleSort(filters: InvoiceFilters, column: InvoiceSort): InvoiceFilters {
  if (filters.sort === column) return { ...filters, order: filters.order === 'asc' ? 'desc' : 'asc' };
  return { ...filters, sort: column, order: 'desc' };
}

/** The API query for one page. */
export function filtersToApiQuery(filters: InvoiceFilters, limit: number, cursor?: string): Record<string, string | number | undefined> {
  return { ...filters, limit, cursor };
}
