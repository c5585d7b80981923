import { foldAccents, labelKey } from '../text.normalize.js';

/**
 * Labels that open the totals block under an item table (subtotal, tax, total, amount due), in English, French,
 * German, Dutch, Spanish and Italian. A row whose first cell starts with one of them ends the table. Compared
 * word by word without case and accents ("Summe netto:" starts with "Summe"; "Taxi Berlin" does not start with "Tax").
 */
export const TOTALS_LABELS: readonly { language: string; phrase: string }[] = [
  ...[
    'Subtotal',
    'Sub-total',
    'Total',
    'Totals',
    'Net total',
    'Grand total',
    'Amount due',
    'Balance due',
    'Sum',
    'VAT',
    'Tax',
    'Taxable amount',
    'GST',
    'CGST',
    'SGST',
    'IGST',
    'Round off',
    'Rounding',
    'Carried forward',
  ].map((phrase) => ({ language: 'en', phrase })),
  ...[
    'Sous-total',
    'Total HT',
    'Total TTC',
    'Montant total',
    'Net à payer',
    'Totaux',
    'TVA',
    'Taxe',
    'Taxes',
    'Arrondi',
    'Report',
    'À reporter',
  ].map((phrase) => ({
    language: 'fr',
    phrase,
  })),
  ...[
    'Zwischensumme',
    'Summe',
    'Rechnungssumme',
    'Positionssumme',
    'Nettosumme',
    'Bruttosumme',
    'Gesamtsumme',
    'Gesamtbetrag',
    'Rechnungsbetrag',
    'Nettobetrag',
    'Bruttobetrag',
    'Endbetrag',
    'Übertrag',
    'MwSt',
    'USt',
    'Umsatzsteuer',
    'Mehrwertsteuer',
    'Zahlbetrag',
    'Rundung',
  ].map((phrase) => ({ language: 'de', phrase })),
  ...['Subtotaal', 'Totaal', 'Totaalbedrag', 'Te betalen', 'BTW'].map((phrase) => ({ language: 'nl', phrase })),
  ...['Subtotal', 'Base imponible', 'Totales', 'Total factura', 'Importe total', 'IVA', 'Suma y sigue'].map((phrase) => ({
    language: 'es',
    phrase,
  })),
  ...['Subtotale', 'Totale', 'Totali', 'Imponibile', 'Totale documento', 'IVA', 'Da pagare'].map((phrase) => ({ language: 'it', phrase })),
];

const KEYS = [...new Set(TOTALS_LABELS.map((l) => labelKey(l.phrase)))];

/** A text's words, lower case without accents, split at anything but letters and digits. */
const wordsOf = (text: string): string[] =>
  foldAccents(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Whether the first words of `words`, joined, spell `key` exactly (OCR may split a label: "Gesamt betrag"). */
function startsWithKey(words: readonly string[], key: string): boolean {
  let joined = '';
  for (const word of words) {
    joined += word;
    if (joined === key) return true;
    if (joined.length >= key.length) return false;
  }
  return false;
}

/** Whether a row's first cell (its text) opens the totals block: its first words spell a totals label. */
export function isTotalsLabel(text: string): boolean {
  const words = wordsOf(text);
  return words.length > 0 && KEYS.some((key) => startsWithKey(words, key));
}

/** Whether a text is a totals label and nothing else ("TOTAL", "Summe:"): a summary row, whatever figures stand beside it. */
export function isTotalsLabelOnly(text: string): boolean {
  return KEYS.includes(labelKey(text));
}
