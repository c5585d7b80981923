import type { LexiconData } from './lexicon.types.js';

/** German labels (data: printed forms per field). */
export const LABELS_DE: LexiconData = {
  invoiceNumber: ['rechnungsnummer', 'rechnungsnr', 'rechnung nr', 'rechnungs-nr', 'belegnummer', 'beleg-nr', 'nummer', 'nr'],
  issueDate: ['rechnungsdatum', 'datum', 'belegdatum', 'ausstellungsdatum', 'rechnungsdatum/leistungsdatum'],
  dueDate: ['fälligkeitsdatum', 'fällig am', 'zahlbar bis', 'fällig', 'zahlungsziel', 'fälligkeit', 'zahlbar am', 'zahlbar bis zum', 'fällig zum', 'zahlungstermin', 'zahlungsfrist'],
  deliveryDate: ['lieferdatum', 'leistungsdatum', 'liefertermin'],
  servicePeriod: ['leistungszeitraum', 'abrechnungszeitraum', 'zeitraum'],
  vendor: ['absender', 'verkäufer', 'lieferant', 'rechnungssteller', 'rechnungsaussteller', 'auftragnehmer', 'leistungserbringer'],
  customer: ['rechnungsempfänger', 'kunde', 'empfänger', 'käufer', 'rechnung an', 'rechnungsadresse', 'auftraggeber', 'kundenname', 'name kunde'],
  shipTo: ['lieferadresse', 'lieferanschrift', 'warenempfänger', 'lieferung an'],
  vatId: ['ust-idnr', 'ust-id', 'ustid', 'umsatzsteuer-id', 'steuernummer', 'st-nr', 'ust-id-nr'],
  iban: ['iban', 'bankverbindung', 'kontonummer'],
  orderNumber: ['bestellnummer', 'bestell-nr', 'auftragsnummer', 'auftrag', 'bestellung'],
  subtotal: ['nettobetrag', 'summe netto', 'netto', 'zwischensumme', 'gesamt netto', 'nettosumme', 'warenwert', 'summe ohne ust', 'rechnungssumme ohne ust', 'rechnungssumme netto', 'ohne mwst', 'ohne ust'],
  tax: ['mwst', 'umsatzsteuer', 'mehrwertsteuer', 'ust', 'steuerbetrag', 'zzgl mwst'],
  total: ['gesamtbetrag', 'rechnungsbetrag', 'bruttobetrag', 'bruttosumme', 'summe brutto', 'brutto', 'gesamtsumme', 'endbetrag', 'summe', 'gesamt', 'summe inkl ust', 'summe inkl mwst', 'gesamt inkl mwst', 'inkl mwst', 'inkl ust', 'rechnungssumme brutto'],
  prepaid: ['anzahlung', 'anzahlungen', 'erhaltene anzahlungen', 'erhaltene anzahlung', 'geleistete anzahlung', 'bereits bezahlt', 'bereits gezahlt', 'vorauszahlung', 'abschlagszahlung'],
  amountDue: ['zahlbetrag', 'zu zahlen', 'fälliger betrag', 'offener betrag', 'zahlbarer betrag'],
  currency: ['währung'],
  invoiceTitle: ['rechnung'],
  creditNoteTitle: ['gutschrift', 'rechnungskorrektur', 'stornorechnung'],
  receiptTitle: ['quittung', 'kassenbon', 'beleg'],
};
