import { foldAccents } from '../text.normalize.js';

/** Month names (accent-free, lower case) in German, Dutch, Spanish and Italian, as the English month the date parser reads. */
export const FOREIGN_MONTHS: Readonly<Record<string, string>> = {
  januar: 'january',
  februar: 'february',
  marz: 'march',
  maerz: 'march',
  juni: 'june',
  juli: 'july',
  oktober: 'october',
  dezember: 'december',
  januari: 'january',
  februari: 'february',
  maart: 'march',
  mei: 'may',
  augustus: 'august',
  enero: 'january',
  febrero: 'february',
  marzo: 'march',
  abril: 'april',
  mayo: 'may',
  junio: 'june',
  julio: 'july',
  agosto: 'august',
  septiembre: 'september',
  setiembre: 'september',
  octubre: 'october',
  noviembre: 'november',
  diciembre: 'december',
  gennaio: 'january',
  febbraio: 'february',
  aprile: 'april',
  maggio: 'may',
  giugno: 'june',
  luglio: 'july',
  settembre: 'september',
  ottobre: 'october',
  dicembre: 'december',
};

/** A date text with its month names in English and Spanish/Italian "de"/"del" between parts dropped: "5 de marzo de 2023" -> "5 march 2023". */
export function englishMonths(text: string): string {
  return foldAccents(text)
    .replace(/\p{L}+/gu, (word) => FOREIGN_MONTHS[word.toLowerCase()] ?? word)
    .replace(/(\d)\s+(?:de|del)\s+(\p{L})/giu, '$1 $2')
    .replace(/(\p{L})\s+(?:de|del)\s+(\d)/giu, '$1 $2');
}
