import { describe, expect, it } from '@jest/globals';
import { markSeen, readSeen, reviewOrder } from './review-queue.js';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
};

describe('review queue order', () => {
  const items = ['a', 'b', 'c', 'd'].map((documentId) => ({ documentId }));

  it('puts seen invoices behind the unseen ones, in the order they were seen', () => {
    expect(reviewOrder(items, ['c', 'a']).map((i) => i.documentId)).toEqual(['b', 'd', 'c', 'a']);
    expect(reviewOrder(items, []).map((i) => i.documentId)).toEqual(['a', 'b', 'c', 'd']);
    expect(reviewOrder(items, ['x']).map((i) => i.documentId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('remembers seen invoices in the session storage, the last seen last', () => {
    const storage = memory();
    markSeen('a', storage);
    markSeen('b', storage);
    expect(markSeen('a', storage)).toEqual(['b', 'a']);
    expect(readSeen(storage)).toEqual(['b', 'a']);
  });

  it('reads a damaged entry as nothing seen', () => {
    const storage = memory();
    storage.setItem('review.seen', '{not json');
    expect(readSeen(storage)).toEqual([]);
    storage.setItem('review.seen', '[1, "a"]');
    expect(readSeen(storage)).toEqual(['a']);
  });
});
