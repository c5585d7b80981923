const STORAGE_KEY = 'review.seen';

/** Invoices the person has seen in this browser session (saved, skipped or accepted), oldest first. */
export function readSeen(storage: Pick<Storage, 'getItem'> = sessionStorage): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Records an invoice as seen (moved to the end of the list when seen again) and answers the new list. */
export function markSeen(documentId: string, storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage): string[] {
  const seen = [...readSeen(storage).filter((id) => id !== documentId), documentId];
  storage.setItem(STORAGE_KEY, JSON.stringify(seen));
  return seen;
}

/**
 * The review order: invoices not seen yet first (in the queue's order), then the seen ones in the order
 * they were seen, so an invoice the person has already looked at never blocks the head of the queue.
 */
export function reviewOrder<T extends { documentId: string }>(items: readonly T[], seen: readonly string[]): T[] {
  const rank = new Map(seen.map((id, index) => [id, index]));
  const fresh = items.filter((item) => !rank.has(item.documentId));
  const again = items.filter((item) => rank.has(item.documentId)).sort((a, b) => rank.get(a.documentId)! - rank.get(b.documentId)!);
  return [...fresh, ...again];
}
