import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes cells with separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(-3)).toBe('-3');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
  });

  it('writes a header and one CRLF line per row, columns in order', () => {
    const rows = [
      { name: 'Acme, Inc', total: 10 },
      { name: 'Zoé', total: null },
    ];
    expect(
      toCsv(rows, [
        { header: 'name', value: (r) => r.name },
        { header: 'total', value: (r) => r.total },
      ]),
    ).toBe('name,total\r\n"Acme, Inc",10\r\nZoé,\r\n');
  });
});
