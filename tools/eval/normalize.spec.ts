import { describe, expect, it } from '@jest/globals';
import { normalizeAmount, normalizeDate, normalizeEmail, normalizeText, normalizeTime, sameAmount } from './normalize.js';

describe('normalizeDate', () => {
  it.each([
    ['25/12/2018', '2018-12-25'],
    ['20-11-17', '2017-11-20'],
    ['10 MAR 2018', '2018-03-10'],
    ['24-MAR-2018', '2018-03-24'],
    ['23.03.18', '2018-03-23'],
    ['20180304', '2018-03-04'],
    ['9/2/2017', '2017-02-09'],
    ['2018-03-18', '2018-03-18'],
    ['04 jan 2017', '2017-01-04'],
    [' 01/03/18 ', '2018-03-01'],
    ['12/13/2016', '2016-12-13'],
    ['OCT 3, 2016', '2016-10-03'],
    ['Sep 22 2017', '2017-09-22'],
  ])('%s -> %s', (raw, iso) => {
    expect(normalizeDate(raw)).toBe(iso);
  });

  it.each(['', '31/02/2018', '13/13/2018', '10 FOO 2018', 'tomorrow', '2018/03'])('%j is not a date', (raw) => {
    expect(normalizeDate(raw)).toBeNull();
  });

  it('keeps null', () => expect(normalizeDate(null)).toBeNull());
});

describe('normalizeAmount', () => {
  it.each([
    ['RM20.40', 20.4],
    ['RM 3.90', 3.9],
    ['$6.90', 6.9],
    ['327.00', 327],
    ['1,234.50', 1234.5],
    ['12,50 €', 12.5],
    ['1,234', 1234],
    [' 2.5 ', 2.5],
  ] as const)('%s -> %s', (raw, value) => {
    expect(normalizeAmount(raw)).toBe(value);
  });

  it('reads numbers as they are, rounded to cents', () => {
    expect(normalizeAmount(12.3456)).toBe(12.35);
  });

  it.each(['', '   ', 'abc', '12.3.4'])('%j is no amount', (raw) => {
    expect(normalizeAmount(raw)).toBeNull();
  });

  it('sameAmount compares to the cent and never matches null', () => {
    expect(sameAmount(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameAmount(1, 1.01)).toBe(false);
    expect(sameAmount(null, null)).toBe(false);
  });
});

describe('text, email and time', () => {
  it('upper-cases and collapses whitespace', () => {
    expect(normalizeText('  Soon  Huat\nmachinery ')).toBe('SOON HUAT MACHINERY');
    expect(normalizeText('   ')).toBeNull();
    expect(normalizeText(null)).toBeNull();
  });

  it('lower-cases emails and drops spaces', () => {
    expect(normalizeEmail(' Jean.Dupont@Example.FR ')).toBe('jean.dupont@example.fr');
    expect(normalizeEmail(null)).toBeNull();
  });

  it('reads times', () => {
    expect(normalizeTime('09:05:07')).toBe('09:05:07');
    expect(normalizeTime('9:05')).toBe('09:05:00');
    expect(normalizeTime('noon')).toBeNull();
  });
});
