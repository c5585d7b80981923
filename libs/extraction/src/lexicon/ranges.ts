import { foldAccents } from '../text.normalize.js';

/**
 * What stands between the two dates of a period ("vom 06.12.2013 bis zum 06.12.2014", "01.09.13 - 30.09.13",
 * "du 01/03/2024 au 31/03/2024") in English, French, German, Dutch, Spanish and Italian (accent-free, lower case,
 * without a final dot). A date that opens or closes a period is a service or insurance period's bound, which an
 * invoice prints beside its issue and due dates.
 */
export const RANGE_JOINS: ReadonlySet<string> = new Set([
  '-',
  'to',
  'till',
  'until',
  'through',
  'thru',
  'au',
  "jusqu'au",
  'jusqu au',
  'bis',
  'bis zum',
  'bis einschl',
  'bis einschliesslich',
  'tot',
  'tot en met',
  't/m',
  'tm',
  'al',
  'hasta',
  'hasta el',
  'a',
  'fino al',
  'sino al',
]);

/** Whether the words between two dates join them into a period ("bis zum", "–", "au", "t/m"). */
export function joinsRange(between: string): boolean {
  const key = foldAccents(between).toLowerCase().replace(/[–—]/g, '-').replace(/\.$/, '').replace(/\s+/g, ' ').trim();
  return RANGE_JOINS.has(key);
}
