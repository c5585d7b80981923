import { describe, expect, it } from '@jest/globals';
import { RANGE_JOINS, joinsRange } from './ranges.js';

describe('date ranges', () => {
  it.each([...RANGE_JOINS])('"%s" joins two dates into a period', (entry) => {
    expect(joinsRange(entry)).toBe(true);
    expect(joinsRange(entry.toUpperCase())).toBe(true);
  });

  it.each(['–', '—', 'Bis zum', 'bis einschl.', 'Jusqu’au'.replace('’', "'")])('reads "%s" tolerantly', (text) => {
    expect(joinsRange(text)).toBe(true);
  });

  it.each(['', 'und', 'Fälligkeit', 'due', 'vom', 'and'])('"%s" joins no period', (text) => {
    expect(joinsRange(text)).toBe(false);
  });
});
