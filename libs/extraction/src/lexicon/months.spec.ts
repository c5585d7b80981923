import { describe, expect, it } from '@jest/globals';
import { parseDate } from '../date.parser.js';
import { englishMonths } from './months.js';

describe('englishMonths', () => {
  it.each([
    ['5. März 2023', '2023-03-05'],
    ['5 maart 2023', '2023-03-05'],
    ['5 de marzo de 2023', '2023-03-05'],
    ['5 marzo 2023', '2023-03-05'],
    ['1 dicembre 2022', '2022-12-01'],
    ['12. Dezember 2022', '2022-12-12'],
  ])('"%s" reads as %s', (text, iso) => {
    expect(parseDate(englishMonths(text))).toBe(iso);
  });
});
