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
