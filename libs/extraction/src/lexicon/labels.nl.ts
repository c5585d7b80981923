import type { LexiconData } from './lexicon.types.js';

/** Dutch labels (data: printed forms per field). */
export const LABELS_NL: LexiconData = {
  invoiceNumber: ['factuurnummer', 'factuur nr', 'factuurnr', 'nummer', 'nr'],
  issueDate: ['factuurdatum', 'datum'],
  dueDate: ['vervaldatum', 'te betalen voor', 'uiterste betaaldatum', 'vervaldag', 'betalen voor', 'uiterlijk betalen op', 'te betalen op'],
  deliveryDate: ['leverdatum', 'afleverdatum'],
  servicePeriod: ['periode', 'factuurperiode'],
  vendor: ['afzender', 'leverancier', 'verkoper', 'uitgegeven door', 'opdrachtnemer'],
  customer: ['klant', 'factuuradres', 'aan', 'afnemer', 'koper', 'factuur aan', 'gefactureerd aan', 'klantnaam', 'naam klant'],
  shipTo: ['afleveradres', 'leveradres'],
  vatId: ['btw-nummer', 'btw nr', 'btw-id', 'kvk', 'kvk-nummer'],
  iban: ['iban', 'rekeningnummer', 'bankrekening'],
  orderNumber: ['ordernummer', 'bestelnummer', 'order', 'inkoopordernummer'],
  subtotal: ['subtotaal', 'totaal excl btw', 'excl btw', 'netto bedrag', 'totaal exclusief btw', 'totaal excl', 'exclusief btw'],
  tax: ['btw', 'btw bedrag', 'omzetbelasting'],
  total: ['totaal', 'totaal incl btw', 'totaalbedrag', 'incl btw', 'te betalen bedrag', 'totaal inclusief btw', 'totaal incl'],
  prepaid: ['aanbetaling', 'reeds betaald', 'al betaald', 'vooruitbetaling', 'betaald bedrag'],
  amountDue: ['te betalen', 'openstaand bedrag', 'verschuldigd bedrag'],
  currency: ['valuta'],
  otherKey: [
    'betalingsvoorwaarden',
    'betaalwijze',
    'leveringsvoorwaarden',
    'incoterms',
    'verzendmethode',
    'contactpersoon',
    'uw referentie',
  ],
  invoiceTitle: ['factuur'],
  creditNoteTitle: ['creditnota', 'creditfactuur'],
  receiptTitle: ['kassabon', 'bon', 'kwitantie'],
};
