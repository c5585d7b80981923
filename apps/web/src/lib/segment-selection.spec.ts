import { describe, expect, it } from '@jest/globals';
import { customersApiPath, parseSelectionValue, selectionFromSearch, selectionToSearch, selectionValue } from './segment-selection.js';

describe('segment selection', () => {
  it('reads a k-means segment or a classic RFM segment from the URL', () => {
    expect(selectionFromSearch(new URLSearchParams('segment=Loyal%20(2)&range=3m'))).toEqual({ view: 'kmeans', name: 'Loyal (2)' });
    expect(selectionFromSearch(new URLSearchParams('rfm=At%20risk'))).toEqual({ view: 'rfm', name: 'At risk' });
    expect(selectionFromSearch(new URLSearchParams('segment=%20&range=3m'))).toBeNull();
  });

  it('replaces the selection in the URL and keeps the range', () => {
    const next = selectionToSearch(new URLSearchParams('range=year&segment=Lost'), { view: 'rfm', name: "Can't lose them" });
    expect(next.toString()).toBe('range=year&rfm=Can%27t+lose+them');
    expect(selectionFromSearch(next)).toEqual({ view: 'rfm', name: "Can't lose them" });
  });

  it('asks the API for the customers of the right view', () => {
    expect(customersApiPath({ view: 'kmeans', name: 'Champions' })).toBe('/api/customers?segment=Champions&limit=500');
    expect(customersApiPath({ view: 'rfm', name: 'Need attention' }, 50)).toBe('/api/customers?rfmSegment=Need+attention&limit=50');
  });

  it('round-trips a selection through a select value', () => {
    const selection = { view: 'kmeans', name: 'Loyal: big' } as const;
    expect(parseSelectionValue(selectionValue(selection))).toEqual(selection);
    expect(parseSelectionValue('other:x')).toBeNull();
  });
});
