import { foldAccents } from '../text.normalize.js';

/**
 * Forms of address printed on a line of their own above a person's name in an address block, in English,
 * French, German, Dutch, Spanish and Italian (accent-free, lower case, without a final dot).
 */
export const SALUTATIONS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'attn',
  'attention',
  'm',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'mademoiselle',
  'messieurs',
  "a l'attention de",
  'herr',
  'herrn',
  'frau',
  'firma',
  'z hd',
  'zu handen',
  'zhd',
  'dhr',
  'mevr',
  'de heer',
  'mevrouw',
  't a v',
  'tav',
  'sr',
  'sra',
  'srta',
  'senor',
  'senora',
  'don',
  'dona',
  'atencion',
  'sig',
  'sigra',
  'signor',
  'signora',
  'spett',
  'spett le',
  'egr',
  'gent',
  'alla cortese attenzione di',
]);

/** Whether a whole line is only a form of address ("Herrn", "Mme", "z. Hd."): the name is on the next line. */
export function isSalutation(text: string): boolean {
  const key = foldAccents(text).toLowerCase().replace(/[.:,]/g, ' ').replace(/\s+/g, ' ').trim();
  return key.length > 0 && SALUTATIONS.has(key);
}

/**
 * Greetings that open a letter or an e-mail printed on an invoice ("Hi Sam,", "Dear Sir or Madam,", "Sehr geehrte
 * Damen und Herren,"), in the six languages (accent-free, lower case): such a line names no party.
 */
export const GREETINGS: readonly string[] = [
  'hi',
  'hello',
  'dear',
  'bonjour',
  'cher',
  'chere',
  'chers',
  'hallo',
  'liebe',
  'lieber',
  'sehr geehrte',
  'sehr geehrter',
  'geachte',
  'beste',
  'hola',
  'estimado',
  'estimada',
  'estimados',
  'buongiorno',
  'gentile',
  'gentili',
];

/**
 * Whether a line opens a letter: a greeting, then a comma at the end ("Dear customer,", "Geachte heer Jansen,"), or
 * at most three words not all in capitals ("Hi Sam"); "Beste Preis GmbH Berlin Mitte" and "HI TECH SUPPLIES" are
 * no greetings.
 */
export function opensLetter(text: string): boolean {
  const key = foldAccents(text).toLowerCase().replace(/[.:!]/g, ' ').replace(/\s+/g, ' ').trim();
  const greeting = GREETINGS.find((g) => key === g || key.startsWith(`${g} `) || key.startsWith(`${g},`));
  if (!greeting) return false;
  const rest = key.slice(greeting.length).trim();
  if (rest.endsWith(',') || rest === ',') return true;
  // In capitals without a comma it is as likely a name ("HI TECH SUPPLIES").
  return text !== text.toUpperCase() && (rest === '' || rest.replace(/^,/, '').trim().split(' ').length <= 3);
}

/**
 * Phrases that close a letter or an e-mail printed on an invoice ("Best regards,", "Mit freundlichen Grüßen",
 * "Cordialement"), in the six languages (accent-free, lower case; "ß" read as "ss"): such a line names no party.
 */
export const CLOSINGS: ReadonlySet<string> = new Set([
  'regards',
  'best regards',
  'kind regards',
  'warm regards',
  'best wishes',
  'sincerely',
  'yours sincerely',
  'yours faithfully',
  'yours truly',
  'cordialement',
  'bien cordialement',
  'salutations',
  'sinceres salutations',
  'salutations distinguees',
  'mit freundlichen grussen',
  'freundliche grusse',
  'viele grusse',
  'beste grusse',
  'herzliche grusse',
  'met vriendelijke groet',
  'met vriendelijke groeten',
  'vriendelijke groeten',
  'hoogachtend',
  'saludos',
  'saludos cordiales',
  'un saludo',
  'atentamente',
  'cordiali saluti',
  'distinti saluti',
  'saluti',
]);

/** Whether a whole line is a letter's closing phrase ("Best regards,", "Mit freundlichen Grüßen"). */
export function closesLetter(text: string): boolean {
  const key = foldAccents(text.replace(/ß/g, 'ss'))
    .toLowerCase()
    .replace(/[.,:!]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return CLOSINGS.has(key);
}
