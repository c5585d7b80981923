import { describe, expect, it } from '@jest/globals';
import { dateOrder, isoDate, parseDate, parseDateTime, parseTime, readsMonthFirst } from './date.parser.js';

describe('parseDate', () => {
  it('reads ISO dates', () => {
    expect(parseDate('Issue date 2019-01-01 08:21:00')).toBe('2019-01-01');
    expect(parseDate('2024/02/29')).toBe('2024-02-29');
    expect(parseDate('2019.12.31')).toBe('2019-12-31');
  });

  it('reads numeric dates day first, month first only when day first is impossible or asked', () => {
    expect(parseDate('03/04/2021')).toBe('2021-04-03');
    expect(parseDate('03.04.2021')).toBe('2021-04-03');
    expect(parseDate('12/31/2021')).toBe('2021-12-31');
    expect(parseDate('03/04/2021', { monthFirst: true })).toBe('2021-03-04');
    expect(parseDate('03/04/21')).toBe('2021-04-03');
  });

  it('reads written months in English and French', () => {
    expect(parseDate('1er janvier 2019')).toBe('2019-01-01');
    expect(parseDate('15 février 2020')).toBe('2020-02-15');
    expect(parseDate('March 3, 2022')).toBe('2022-03-03');
    expect(parseDate('3 Aug 2023')).toBe('2023-08-03');
  });

  it('reads receipt dates with a written month between dashes, slashes or mixed separators', () => {
    expect(parseDate('24-MAR-2018 03:44:22 PM')).toBe('2018-03-24');
    expect(parseDate('DATE: 05/Jan/19')).toBe('2019-01-05');
    expect(parseDate('24 Mar-2018')).toBe('2018-03-24');
    expect(parseDate('10 MAR 2018 18:24')).toBe('2018-03-10');
    expect(parseDate('12-XYZ-2018')).toBeNull();
    // Blanks only, a two-digit year: not a time of day after the month.
    expect(parseDate('Chk 8660 28 Mar 18 18:32:36')).toBe('2018-03-28');
    expect(parseDate('Closes 1 Mar 18:30')).toBeNull();
  });

  it('reads a numeric date with a blank OCR put before its full year, not before a short one', () => {
    expect(parseDate('Date : 05-05- 2018 12:25')).toBe('2018-05-05');
    expect(parseDate('05/05/ 18')).toBeNull();
  });

  it('repairs O/l read for 0/1 inside a date', () => {
    expect(parseDate('2O19-0l-3O')).toBe('2019-01-30');
  });

  it('refuses impossible dates and non-dates', () => {
    expect(parseDate('2019-02-30')).toBeNull();
    expect(parseDate('2019-13-01')).toBeNull();
    expect(parseDate('FAC_2019_0001')).toBeNull();
    expect(parseDate('')).toBeNull();
  });
});

describe('parseTime', () => {
  it('reads times with and without seconds', () => {
    expect(parseTime('08:21:00')).toBe('08:21:00');
    expect(parseTime('at 8:21')).toBe('08:21:00');
    expect(parseTime('14h05')).toBe('14:05:00');
    expect(parseTime('O8:2l:OO')).toBe('08:21:00');
  });

  it('refuses impossible times', () => {
    expect(parseTime('25:00:00')).toBeNull();
    expect(parseTime('12:60')).toBeNull();
    expect(parseTime('no time here')).toBeNull();
  });
});

describe('parseDateTime', () => {
  it('reads the date and the time after it', () => {
    expect(parseDateTime("Date d'émission 2019-01-01 08:21:00")).toEqual({ date: '2019-01-01', time: '08:21:00' });
    expect(parseDateTime('Issue date 2020-03-17')).toEqual({ date: '2020-03-17', time: null });
  });
});

describe('isoDate', () => {
  it('validates the calendar', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2023, 2, 29)).toBeNull();
  });
});

describe('dateOrder', () => {
  it('is settled by a date that reads one way only, and null when every date reads both ways', () => {
    expect(dateOrder(['Invoice Date: 7/9/18', 'Due Date: 09/07/18'])).toBeNull();
    expect(dateOrder(['Invoice Date: 7/9/18', 'Shipped 7/13/18'])).toBe('monthFirst');
    expect(dateOrder(['Datum 07.09.2018', 'Lieferung 13.09.2018'])).toBe('dayFirst');
    expect(dateOrder(['Datum 17.11.2017', 'Lieferung 11/17/2017'])).toBe('dayFirst');
  });
});

describe('readsMonthFirst', () => {
  it('reads a document month-first when one of its dates can only be month-first and none only day-first', () => {
    expect(readsMonthFirst(['Invoice Date 11/03/2017', 'SEPA Wire transfer 11/17/2017 623.00'])).toBe(true);
    expect(readsMonthFirst(['Invoice Date 11/03/2017', 'Due 17/03/2017'])).toBe(false);
    expect(readsMonthFirst(['Invoice Date 11/03/2017'])).toBe(false);
    expect(readsMonthFirst(['Datum 17.11.2017', 'Lieferung 11/17/2017'])).toBe(false);
    expect(readsMonthFirst(['Total 1.234.56', 'ISO 2017-11-17'])).toBe(false);
    expect(readsMonthFirst(['Date : 06/01/18 12.17.26 PM'])).toBe(false);
    // Two-digit years count after slashes.
    expect(readsMonthFirst(['Invoice Date: 10/18/18', 'Due Date: 12/17/18'])).toBe(true);
    expect(readsMonthFirst(['Invoice Date: 10/18/18', 'Paid 25/12/18'])).toBe(false);
    expect(readsMonthFirst(['Date: 25/12/18'])).toBe(false);
    expect(readsMonthFirst(['Ref 10/18/184'])).toBe(false);
  });
});
