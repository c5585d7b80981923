import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { foldAccents, labelKey } from '../text.normalize.js';
import { line } from '../words.fixture.js';
import { findHeaderCells, matchColumnLabel } from './column.matcher.js';
import { COLUMN_LABELS } from './columns.lexicon.js';
import { TOTALS_LABELS, isTotalsLabel } from './totals.lexicon.js';

const words = (text: string): OcrWord[] => line(text, 0, 0);

/** One letter of a long phrase replaced, as an OCR slip would. */
const slip = (phrase: string): string => {
  const index = phrase.search(/[a-z]{3}/i) + 1;
  return `${phrase.slice(0, index)}${phrase[index] === 'x' ? 'y' : 'x'}${phrase.slice(index + 1)}`;
};

describe('column lexicon', () => {
  it('has six languages and no entry twice', () => {
    expect(new Set(COLUMN_LABELS.map((l) => l.language))).toEqual(new Set(['en', 'fr', 'de', 'nl', 'es', 'it']));
    const keys = COLUMN_LABELS.map((l) => `${l.kind}|${l.language}|${l.phrase}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every written form one kind of column', () => {
    const kinds = new Map<string, Set<string>>();
    for (const l of COLUMN_LABELS)
      kinds.set(labelKey(l.phrase) || l.phrase, (kinds.get(labelKey(l.phrase) || l.phrase) ?? new Set()).add(l.kind));
    expect([...kinds].filter(([, k]) => k.size > 1).map(([key]) => key)).toEqual([]);
  });

  it.each(COLUMN_LABELS.map((l) => [l.kind, l.language, l.phrase] as const))(
    '%s (%s) "%s": matched as printed, upper-cased and without accents',
    (kind, _language, phrase) => {
      expect(matchColumnLabel(words(phrase))?.kind).toBe(kind);
      expect(matchColumnLabel(words(phrase.toUpperCase()))?.kind).toBe(kind);
      expect(matchColumnLabel(words(foldAccents(phrase)))?.kind).toBe(kind);
    },
  );

  it.each(COLUMN_LABELS.filter((l) => labelKey(l.phrase).length >= 6).map((l) => [l.kind, l.phrase] as const))(
    '%s "%s": matched with one OCR slip',
    (kind, phrase) => {
      expect(matchColumnLabel(words(slip(phrase)))?.kind).toBe(kind);
    },
  );

  it('reads two labels joined by a slash as the first one that is a label', () => {
    expect(matchColumnLabel(words('QTY/HR'))?.kind).toBe('quantity');
    expect(matchColumnLabel(words('Menge / Einheit'))?.kind).toBe('quantity');
    expect(matchColumnLabel(words('Art.-Nr./Bezeichnung'))?.kind).toBe('code');
    expect(matchColumnLabel(words('Price/hour'))?.kind).toBe('unitPrice');
    for (const text of ['A/C Code', 'HSN/SAC', '15x1/2 buitdr', '1/2']) expect(matchColumnLabel(words(text))).toBeNull();
    // A run of words is one label or none: the slash joins single words only.
    expect(matchColumnLabel(words('Preis/Stunde Anzahl'))).toBeNull();
  });

  it('reads a label qualified by a hyphen-joined word as that label', () => {
    expect(matchColumnLabel(words('Art-Nr-Kunde'))?.kind).toBe('code');
    expect(matchColumnLabel(words('Art.-Nr.-Lief.'))?.kind).toBe('code');
    expect(matchColumnLabel(words('Menge-Gesamt'))?.kind).toBe('quantity');
    // Only letters may follow the label, and a hyphen-joined word is not cut inside a label's own word.
    for (const text of ['Art-Nr-12', 'Kunden-Nr', 'Zu-/Abschlag', 'Art-Nr Kunde']) expect(matchColumnLabel(words(text))).toBeNull();
  });

  it('does not take other words for labels', () => {
    for (const text of ['Invoice', 'Rechnung', 'Kunde', '12,50', 'Lieferant GmbH']) expect(matchColumnLabel(words(text))).toBeNull();
  });

  it('finds the labels of a header row, longest phrase first, skipping other words', () => {
    const cells = findHeaderCells([
      ...line('Pos.', 0, 0),
      ...line('Description', 100, 0),
      ...line('Unit price (EUR)', 400, 0),
      ...line('Total HT', 600, 0),
    ]);
    expect(cells.map((c) => [c.kind, c.words.map((w) => w.text).join(' ')])).toEqual([
      ['position', 'Pos.'],
      ['description', 'Description'],
      ['unitPrice', 'Unit price'],
      ['net', 'Total HT'],
    ]);
  });
});

describe('totals lexicon', () => {
  it.each(TOTALS_LABELS.map((l) => [l.language, l.phrase] as const))(
    '%s "%s" opens the totals block, also followed by more words',
    (_language, phrase) => {
      expect(isTotalsLabel(phrase)).toBe(true);
      expect(isTotalsLabel(`${phrase.toUpperCase()} (EUR):`)).toBe(true);
    },
  );

  it('does not end a table at an item', () => {
    for (const text of ['Trennblätter A4', 'Consulting services', 'Design (hours)']) expect(isTotalsLabel(text)).toBe(false);
  });

  it('matches whole words: an item that starts with the letters of a label is no totals label', () => {
    for (const text of ['Taxi Berlin', 'Totality of works', 'Summer campaign', 'Ivan consulting']) expect(isTotalsLabel(text)).toBe(false);
    for (const text of ['Summe netto:', 'Gesamt betrag 12,00', 'Sub-total', 'SUBTOTAL', 'MwSt.-Betrag 19 %'])
      expect(isTotalsLabel(text)).toBe(true);
  });
});
