/**
 * Column labels of invoice item tables in English, French, German, Dutch, Spanish and Italian, by the kind of
 * value the column holds. Each entry is one header phrase as printed; matching (see `column.matcher.ts`) ignores
 * case, accents, punctuation and blanks, and forgives one OCR slip in longer words. Generic labels only: no
 * vendor's wording.
 */
export type ColumnKind =
  | 'position'
  | 'code'
  | 'description'
  | 'quantity'
  | 'unit'
  | 'unitPrice'
  | 'discount'
  | 'vatRate'
  | 'vatAmount'
  | 'net'
  | 'gross'
  | 'amount';

export type TableLanguage = 'en' | 'fr' | 'de' | 'nl' | 'es' | 'it';

export interface ColumnLabel {
  kind: ColumnKind;
  language: TableLanguage;
  phrase: string;
}

type Phrases = Partial<Record<TableLanguage, readonly string[]>>;

const PHRASES: Record<ColumnKind, Phrases> = {
  position: {
    en: ['Pos', 'Pos.', 'Line', 'No.', '#', 'Item no'],
    fr: ['Ligne', 'N°'],
    de: ['Position', 'Pos.-Nr.', 'Nr.', 'Lfd. Nr.'],
    nl: ['Regel', 'Nr'],
    es: ['Línea', 'Nº'],
    it: ['Riga', 'N.'],
  },
  code: {
    en: ['Item code', 'Product code', 'Article no', 'SKU', 'Part number', 'Code', 'Ref'],
    fr: ['Référence', 'Réf.', 'Code article', 'Code produit'],
    de: ['Artikelnummer', 'Art.-Nr.', 'Artikel-Nr.', 'Art. Nr.', 'Artikelnr', 'Produktnummer'],
    nl: ['Artikelnummer', 'Artikelnr.', 'Productcode'],
    es: ['Código', 'Referencia', 'Ref.'],
    it: ['Codice', 'Codice articolo', 'Cod. art.'],
  },
  description: {
    en: [
      'Description',
      'Item',
      'Items',
      'Item description',
      'Product',
      'Products',
      'Service',
      'Services',
      'Article',
      'Details',
      'Particulars',
      'Product name',
      'Item & description',
    ],
    fr: ['Description', 'Désignation', 'Libellé', 'Article', 'Produit', 'Prestation', 'Désignation du produit'],
    de: [
      'Bezeichnung',
      'Beschreibung',
      'Artikel',
      'Artikelbezeichnung',
      'Leistung',
      'Produkt',
      'Artikelname',
      'Leistungsbeschreibung',
      'Artikelbeschreibung',
      'Text',
    ],
    nl: ['Omschrijving', 'Beschrijving', 'Artikel', 'Product', 'Dienst', 'Artikelomschrijving'],
    es: ['Descripción', 'Concepto', 'Artículo', 'Producto', 'Servicio', 'Detalle'],
    it: ['Descrizione', 'Articolo', 'Prodotto', 'Servizio', 'Dettaglio'],
  },
  quantity: {
    en: ['Quantity', 'Qty', 'Qty.', 'Hours', 'Hrs', 'Units', 'Quant.'],
    fr: ['Quantité', 'Qté', 'Qte', 'Quant.', 'Nombre', 'Nb'],
    de: ['Menge', 'Anzahl', 'Anz.', 'Stück', 'Stk.', 'Liefermenge', 'Stunden'],
    nl: ['Aantal', 'Hoeveelheid', 'Aant.', 'Uren'],
    es: ['Cantidad', 'Cant.', 'Unidades', 'Horas'],
    it: ['Quantità', 'Qtà', 'Q.tà', 'Ore'],
  },
  unit: {
    en: ['Unit', 'UoM', 'Unit of measure'],
    fr: ['Unité', 'U.'],
    de: ['Einheit', 'ME', 'Mengeneinheit'],
    nl: ['Eenheid'],
    es: ['Unidad', 'Ud.'],
    it: ['Unità', 'U.M.', 'UM'],
  },
  unitPrice: {
    en: [
      'Unit price',
      'Price',
      'Rate',
      'Price per unit',
      'Unit cost',
      'Net price',
      'Unit Price excl. VAT',
      'Each',
      'Hourly rate',
      'Price/hour',
      'Rate/hour',
    ],
    fr: ['Prix unitaire', 'Prix unit.', 'P.U.', 'PU HT', 'Prix', 'Prix unitaire HT', 'Tarif', 'Taux horaire', 'Prix/heure'],
    de: [
      'Einzelpreis',
      'Preis',
      'Stückpreis',
      'Einzelpreis netto',
      'E-Preis',
      'Nettopreis',
      'Preis/Einheit',
      'Preis pro Einheit',
      'Preis/Stunde',
      'Stundensatz',
      'Preis pro Stunde',
    ],
    nl: ['Prijs', 'Stukprijs', 'Eenheidsprijs', 'Prijs per eenheid', 'Tarief', 'Uurtarief', 'Prijs per uur'],
    es: ['Precio', 'Precio unitario', 'Precio unit.', 'P. unit.', 'Tarifa', 'Precio/hora', 'Tarifa por hora'],
    it: ['Prezzo', 'Prezzo unitario', 'Prezzo unit.', 'Tariffa', 'Tariffa oraria', 'Prezzo/ora'],
  },
  discount: {
    en: ['Discount', 'Disc.', 'Disc %'],
    fr: ['Remise', 'Rabais'],
    de: ['Rabatt', 'Nachlass'],
    nl: ['Korting'],
    es: ['Descuento', 'Dto.', 'Dto'],
    it: ['Sconto'],
  },
  vatRate: {
    en: ['VAT', 'VAT %', 'Tax', 'Tax %', 'Tax rate', 'VAT rate', 'GST', 'GST %'],
    fr: ['TVA', 'TVA %', 'Taux TVA', 'Taux'],
    de: ['MwSt', 'MwSt.', 'MwSt.-Satz', 'USt', 'USt.', 'USt %', 'Steuersatz', 'Steuer', 'Ust.-Satz'],
    nl: ['BTW', 'BTW %', 'BTW-tarief'],
    es: ['IVA', 'IVA %', 'Tipo IVA', '% IVA'],
    it: ['IVA', 'Aliquota', 'Aliquota IVA', '% IVA'],
  },
  vatAmount: {
    en: ['VAT amount', 'Tax amount'],
    fr: ['Montant TVA'],
    de: ['MwSt.-Betrag', 'Steuerbetrag', 'USt.-Betrag'],
    nl: ['BTW-bedrag', 'BTW bedrag'],
    es: ['Cuota IVA', 'Importe IVA'],
    it: ['Importo IVA'],
  },
  net: {
    en: ['Net', 'Net amount', 'Net total', 'Amount excl. VAT', 'Total excl. VAT', 'Subtotal'],
    fr: ['Montant HT', 'Total HT', 'HT', 'Prix total HT'],
    de: ['Netto', 'Nettobetrag', 'Gesamt netto', 'Betrag netto', 'Gesamtpreis netto', 'Nettowert', 'Netto-Betrag', 'Summe netto'],
    nl: ['Netto', 'Bedrag excl. BTW', 'Totaal excl. BTW', 'Netto bedrag'],
    es: ['Neto', 'Base imponible', 'Importe neto', 'Base'],
    it: ['Netto', 'Imponibile', 'Importo netto'],
  },
  gross: {
    en: ['Gross', 'Gross amount', 'Amount incl. VAT', 'Total incl. VAT'],
    fr: ['Montant TTC', 'Total TTC', 'TTC'],
    de: ['Brutto', 'Bruttobetrag', 'Gesamt brutto', 'Betrag brutto', 'Gesamtpreis brutto'],
    nl: ['Bruto', 'Bedrag incl. BTW', 'Totaal incl. BTW'],
    es: ['Bruto', 'Importe bruto', 'Total con IVA'],
    it: ['Lordo', 'Importo lordo', 'Totale IVA inclusa'],
  },
  amount: {
    en: ['Amount', 'Total', 'Line total', 'Item total', 'Total price', 'Sum', 'Value', 'Ext. price', 'Extended price'],
    fr: ['Montant', 'Total', 'Prix total', 'Total ligne', 'Montant ligne', 'Valeur'],
    de: [
      'Betrag',
      'Gesamt',
      'Gesamtpreis',
      'Summe',
      'Gesamtbetrag',
      'Wert',
      'Positionsbetrag',
      'Positionssumme',
      'Zeilensumme',
      'Endpreis',
      'Entgelt',
    ],
    nl: ['Bedrag', 'Totaal', 'Totaalprijs', 'Subtotaal', 'Regeltotaal', 'Regelbedrag'],
    es: ['Importe', 'Total', 'Precio total', 'Total línea', 'Importe línea', 'Monto', 'Valor'],
    it: ['Importo', 'Totale', 'Prezzo totale', 'Totale riga', 'Importo riga', 'Valore'],
  },
};

/** Every column label, one entry per kind, language and phrase. */
export const COLUMN_LABELS: readonly ColumnLabel[] = (Object.entries(PHRASES) as [ColumnKind, Phrases][]).flatMap(([kind, byLanguage]) =>
  (Object.entries(byLanguage) as [TableLanguage, readonly string[]][]).flatMap(([language, phrases]) =>
    phrases.map((phrase) => ({ kind, language, phrase })),
  ),
);

/** Columns whose cells are amounts of money. */
export const MONEY_KINDS: ReadonlySet<ColumnKind> = new Set(['unitPrice', 'vatAmount', 'net', 'gross', 'amount', 'discount']);
/** Columns whose cells are the line's total (the item's amount), by preference. */
export const LINE_TOTAL_KINDS: readonly ColumnKind[] = ['amount', 'net', 'gross'];
