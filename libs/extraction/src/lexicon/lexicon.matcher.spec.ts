import { describe, expect, it } from '@jest/globals';
import { line } from '../words.fixture.js';
import { LEXICON, LEXICON_ENTRIES, lookupLabel, matchLabels, matchLabelText } from './lexicon.matcher.js';
import { LEXICON_FIELDS, LEXICON_LANGUAGES } from './lexicon.types.js';

describe('lexicon', () => {
  it('has labels for every field in every language', () => {
    for (const language of LEXICON_LANGUAGES)
      for (const field of LEXICON_FIELDS) expect(LEXICON[language][field].length).toBeGreaterThan(0);
  });

  it.each(LEXICON_ENTRIES.map((e) => [e.language, e.field, e.text] as const))(
    '%s %s "%s" is read as printed, upper-cased and without accents',
    (language, field, text) => {
      for (const printed of [text, text.toUpperCase(), text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')]) {
        const hit = lookupLabel(printed);
        expect(hit?.entries.some((e) => e.field === field && e.language === language)).toBe(true);
      }
    },
  );

  it.each(LEXICON_ENTRIES.filter((e) => e.key.length >= 6).map((e) => [e.language, e.text] as const))(
    '%s "%s" survives one OCR slip',
    (language, text) => {
      // One letter in the middle read as another.
      const i = Math.floor(text.length / 2);
      const slipped = `${text.slice(0, i)}${text[i] === 'x' ? 'y' : 'x'}${text.slice(i + 1)}`;
      expect(lookupLabel(slipped)?.entries.some((e) => e.text === text && e.language === language)).toBe(true);
    },
  );

  it('names no shop, vendor or person: every entry is a common word of invoices', () => {
    expect(LEXICON_ENTRIES.every((e) => !/gmbh|ltd|inc\b|sdn|bhd/i.test(e.text))).toBe(true);
  });
});

describe('matchLabels', () => {
  it('finds the longest label at the start of a line and its strength', () => {
    const [m] = matchLabels(line('Invoice Number: 12345', 0, 0));
    expect(m?.entry.field).toBe('invoiceNumber');
    expect([m?.start, m?.end]).toEqual([0, 2]);
    expect(m?.strength).toBeGreaterThan(0.5);
  });

  it('reads German compounds by their last part and labels split by the PDF text layer', () => {
    expect(matchLabelText('Handelsrechnung').map((m) => m.entry.field)).toContain('invoiceTitle');
    expect(matchLabelText('Handelsrechnung Nr. 4711').map((m) => m.entry.field)).toContain('invoiceNumber');
    expect(matchLabelText('Ver käufer :').map((m) => m.entry.field)).toContain('vendor');
  });

  it('matches labels in the six languages', () => {
    const fields = ['Rechnungsdatum', 'Factuurdatum', 'Fecha de emisión', 'Data fattura', "Date d'émission", 'Invoice date'].map(
      (t) => matchLabelText(t)[0]?.entry.field,
    );
    expect(fields).toEqual(new Array(6).fill('issueDate'));
  });
});

describe('matchLabels: a title followed by "#"', () => {
  it.each(['Rechnung # RE-20140519/499', 'Facture # FA-12', 'Gutschrift # G-7'])('reads "%s" as the number\'s label too', (text) => {
    const fields = matchLabels(line(text, 0, 0)).map((m) => m.entry.field);
    expect(fields).toContain('invoiceNumber');
  });

  it('reads a title alone as a title only', () => {
    const fields = matchLabels(line('Rechnung RE-20140519', 0, 0)).map((m) => m.entry.field);
    expect(fields).toContain('invoiceTitle');
    expect(fields).not.toContain('invoiceNumber');
  });

  it('adds no second number label where the language lists "invoice #" itself', () => {
    const numbers = matchLabels(line('Invoice # 42', 0, 0)).filter((m) => m.entry.field === 'invoiceNumber');
    expect(numbers).toHaveLength(1);
  });
});
