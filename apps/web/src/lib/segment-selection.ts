/**
 * The segment whose customers the analytics page lists, kept in the URL (`segment=` a k-means
 * segment's label, `rfm=` a classic RFM segment's name) so a click on a segment gives a link.
 */
export type SegmentView = 'kmeans' | 'rfm';
export interface SegmentSelection {
  view: SegmentView;
  name: string;
}

const PARAMS: Record<SegmentView, string> = { kmeans: 'segment', rfm: 'rfm' };

/** The selection in a query string; a k-means segment first when both are there; null when none. */
export function selectionFromSearch(search: URLSearchParams): SegmentSelection | null {
  for (const view of ['kmeans', 'rfm'] as const) {
    const name = search.get(PARAMS[view])?.trim();
    if (name) return { view, name };
  }
  return null;
}

/** The query string with this selection instead of the previous one, the other parameters kept. */
export function selectionToSearch(search: URLSearchParams, selection: SegmentSelection): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(PARAMS.kmeans);
  next.delete(PARAMS.rfm);
  next.set(PARAMS[selection.view], selection.name);
  return next;
}

/** The API page of the selection's customers (the largest page the API gives, by monetary value). */
export function customersApiPath(selection: SegmentSelection, limit = 500): string {
  const search = new URLSearchParams({ [selection.view === 'kmeans' ? 'segment' : 'rfmSegment']: selection.name, limit: String(limit) });
  return `/api/customers?${search.toString()}`;
}

/** A value for a <select> holding both views' segments, and back. */
export const selectionValue = (selection: SegmentSelection) => `${selection.view}:${selection.name}`;
export function parseSelectionValue(value: string): SegmentSelection | null {
  const match = /^(?<view>kmeans|rfm):(?<name>.+)$/s.exec(value);
  const view = match?.groups?.view;
  const name = match?.groups?.name;
  return (view === 'kmeans' || view === 'rfm') && name !== undefined ? { view, name } : null;
}
