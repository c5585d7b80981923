import { labelKey } from '../text.normalize.js';

/**
 * Labels that open the totals block under an item table (subtotal, tax, total, amount due), in English, French,
 * German, Dutch, Spanish and Italian. A row whose first cell starts with one of them ends the table. Compared as
 * {@link labelKey} prefixes ("Summe netto:" starts with "summe").
 */
export const TOTALS_LABELS: readonly { language: string; phrase: string }[] = [
  ...[
    'Subtotal',
    'Sub-total',
    'Total',
    'Net total',
    'Grand total',
    'Amount due',
    'Balance due',
    'Sum',
    'VAT',
    'Tax',
    'GST',
    'CGST',
    'SGST',
    'IGST',
    'Round off',
    'Rounding',
    'Carried forward',
  ].map((phrase) => ({ language: 'en', phrase })),
  ...['Sous-total', 'Total HT', 'Total TTC', 'Montant total', 'Net à payer', 'TVA', 'Arrondi', 'Report', 'À reporter'].map((phrase) => ({
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
  ...['Subtotaal', 'Totaal', 'Te betalen', 'BTW'].map((phrase) => ({ language: 'nl', phrase })),
  ...['Subtotal', 'Base imponible', 'Total factura', 'Importe total', 'IVA', 'Suma y sigue'].map((phrase) => ({ language: 'es', phrase })),
  ...['Subtotale', 'Totale', 'Imponibile', 'Totale documento', 'IVA', 'Da pagare'].map((phrase) => ({ language: 'it', phrase })),
];

const KEYS = [...new Set(TOTALS_LABELS.map((l) => labelKey(l.phrase)))];

/** Whether a row's first cell (its text) opens the totals block. */
export function isTotalsLabel(text: string): boolean {
  const key = labelKey(text);
  return key !== '' && KEYS.some((k) => key.startsWith(k));
}

/** Whether a text is a totals label and nothing else ("TOTAL", "Summe:"): a summary row, whatever figures stand beside it. */
export function isTotalsLabelOnly(text: string): boolean {
  return KEYS.includes(labelKey(text));
}
