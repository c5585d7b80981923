import { describe, expect, it } from '@jest/globals';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { findHeaderCells } from './column.matcher.js';
import { columnSpans } from './column.spans.js';
import { groupItems, isAttributeLine, isIdentifierLine, joinDescriptionLines } from './row.grouper.js';

const spans = columnSpans(findHeaderCells(line('Description                   Qty     Price     Amount', 0, 0)));
const descriptions = (rows: ReturnType<typeof buildRows>) => groupItems(rows, spans).map((i) => joinDescriptionLines(i.descriptionLines));

describe('groupItems', () => {
  it('starts an item at each row with an amount and joins the lines right under it to its description', () => {
    const rows = buildRows([
      ...line('Consulting, on-site', 0, 40),
      ...line('2       90.00    180.00', 300, 40),
      ...line('workshop with the team', 0, 60),
      ...line('Travel', 0, 90),
      ...line('1       45.50     45.50', 300, 90),
    ]);
    expect(descriptions(rows)).toEqual(['Consulting, on-site workshop with the team', 'Travel']);
  });

  it('closes a description at a gap, an attribute line, an identifier line or a row of other values', () => {
    const rows = buildRows([
      ...line('Paper A4', 0, 40),
      ...line('20       9.90    198.00', 300, 40),
      ...line('GTIN: 4012345001235', 0, 60),
      ...line('not the description', 0, 80),
      ...line('Yoghurt', 0, 120),
      ...line('50       5.50    275.00', 300, 120),
      ...line('4000050986428', 0, 140),
      ...line('Cable', 0, 180),
      ...line('1      12.00     12.00', 300, 180),
      ...line('price basis      12.00', 100, 200),
      ...line('Lamp', 0, 240),
      ...line('1      30.00     30.00', 300, 240),
      ...line('far below', 0, 300),
    ]);
    expect(descriptions(rows)).toEqual(['Paper A4', 'Yoghurt', 'Cable', 'Lamp']);
  });

  it('does not make items of rows above the first amount', () => {
    const rows = buildRows([...line('(EUR)', 0, 20), ...line('Pen', 0, 40), ...line('3        1.00      3.00', 300, 40)]);
    expect(descriptions(rows)).toEqual(['Pen']);
  });
});

describe('description lines', () => {
  it('joins a word broken at a hyphen without a blank', () => {
    expect(joinDescriptionLines(['Art-Nr-', 'Lieferant ZS9997'])).toBe('Art-Nr-Lieferant ZS9997');
    expect(joinDescriptionLines(['4-Fahrten', '-Karte Berlin'])).toBe('4-Fahrten-Karte Berlin');
    expect(joinDescriptionLines(['Design', 'and build'])).toBe('Design and build');
  });

  it('tells attribute and identifier lines from descriptions', () => {
    expect(isAttributeLine('GTIN: 4012345001235')).toBe(true);
    expect(isAttributeLine('Bruttopreis :')).toBe(true);
    expect(isAttributeLine('Luftballon: Bunt')).toBe(false);
    expect(isIdentifierLine('4000050986428')).toBe(true);
    expect(isIdentifierLine('Joghurt 500g')).toBe(false);
  });
});
