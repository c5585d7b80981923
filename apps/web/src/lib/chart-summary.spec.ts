import { describe, expect, it } from '@jest/globals';
import { chartSummary } from './chart-summary.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('chartSummary', () => {
  it('lists each series by its x labels, in the language given', () => {
    const data = {
      labels: ['janv. 2026', 'févr. 2026'],
      datasets: [
        { label: 'Terminées', data: [1234.5, 3] },
        { label: 'En échec', data: [0, null] },
      ],
    };
    expect(plain(chartSummary(data, 'fr'))).toBe('Terminées: janv. 2026 1 234,5, févr. 2026 3; En échec: janv. 2026 0, févr. 2026 —');
  });

  it('sums up a scatter of many points by its count and range', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ x: i, y: 10 + i }));
    expect(chartSummary({ datasets: [{ label: 'Segment A', data: points }] }, 'en')).toBe('Segment A: 30 × [10 … 39]');
  });

  it('says when a series has no value', () => {
    expect(chartSummary({ labels: ['a'], datasets: [{ label: 'Empty', data: [] }] }, 'en')).toBe('Empty: —');
  });
});
