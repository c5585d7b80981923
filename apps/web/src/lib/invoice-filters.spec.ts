import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FILTERS, filtersToApiQuery, filtersToSearch, parseFilters, toggleSort } from './invoice-filters.js';

describe('invoice filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const filters = {
      status: 'needs_review',
      from: '2026-01-01',
      to: '2026-01-31',
      issuedFrom: '2025-12-01',
      issuedTo: '2025-12-31',
      customer: 'Acme',
      minTotal: '10',
      maxTotal: '99.5',
      q: 'INV-1',
      sort: 'total',
      order: 'asc',
    } as const;
    expect(parseFilters(filtersToSearch(filters))).toEqual(filters);
  });

  it('keeps the plain page URL plain: defaults and empty values are left out', () => {
    expect(filtersToSearch({ ...DEFAULT_FILTERS, q: '' }).toString()).toBe('');
    expect(filtersToSearch({ ...DEFAULT_FILTERS, customer: 'Zoé & Co' }).toString()).toBe('customer=Zo%C3%A9+%26+Co');
  });

  it('drops malformed values instead of sending them to the API', () => {
    const parsed = parseFilters(
      new URLSearchParams('status=nope&from=01/02/2026&issuedTo=2026-1-1&minTotal=-3&maxTotal=abc&sort=password&order=sideways&q=%20%20'),
    );
    expect(parsed).toEqual({
      ...DEFAULT_FILTERS,
      status: undefined,
      from: undefined,
      to: undefined,
      issuedFrom: undefined,
      issuedTo: undefined,
      customer: undefined,
      minTotal: undefined,
      maxTotal: undefined,
      q: undefined,
    });
  });

  it('sorts a new column descending first, and flips the order of the current one', () => {
    const byTotal = toggleSort(DEFAULT_FILTERS, 'total');
    expect(byTotal).toMatchObject({ sort: 'total', order: 'desc' });
    expect(toggleSort(byTotal, 'total')).toMatchObject({ sort: 'total', order: 'asc' });
    expect(toggleSort({ ...byTotal, order: 'asc' }, 'issueDate')).toMatchObject({ sort: 'issueDate', order: 'desc' });
  });

  it('adds the page size and cursor for the API', () => {
    expect(filtersToApiQuery({ ...DEFAULT_FILTERS, q: 'x' }, 25, 'abc')).toEqual({
      sort: 'createdAt',
      order: 'desc',
      q: 'x',
      limit: 25,
      cursor: 'abc',
    });
  });
});
