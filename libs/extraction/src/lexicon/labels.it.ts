import type { LexiconData } from './lexicon.types.js';

/** Italian labels (data: printed forms per field). */
export const LABELS_IT: LexiconData = {
  invoiceNumber: ['numero fattura', 'fattura n', 'fattura nr', 'n. fattura', 'numero', 'n.'],
  issueDate: ['data fattura', 'data di emissione', 'data documento', 'data'],
  dueDate: ['data di scadenza', 'scadenza', 'scadenza pagamento', 'scade il', 'da pagare entro', 'pagamento entro', 'data scadenza'],
  deliveryDate: ['data di consegna', 'consegna'],
  servicePeriod: ['periodo', 'periodo di fatturazione'],
  vendor: ['mittente', 'fornitore', 'venditore', 'cedente', 'emesso da', 'prestatore'],
  customer: ['cliente', 'destinatario', 'intestatario', 'spett.le', 'cessionario', 'fatturare a', 'fatturato a', 'indirizzo di fatturazione', 'fattura per'],
  shipTo: ['luogo di consegna', 'destinazione merce', 'spedire a'],
  vatId: ['partita iva', 'p.iva', 'p. iva', 'codice fiscale', 'c.f.'],
  iban: ['iban', 'coordinate bancarie', 'conto corrente'],
  orderNumber: ['numero ordine', 'ordine', "ordine d'acquisto", 'rif. ordine'],
  subtotal: ['imponibile', 'subtotale', 'totale imponibile', 'totale netto', 'netto', 'totale iva esclusa'],
  tax: ['iva', 'imposta', 'totale iva'],
  total: ['totale', 'totale fattura', 'totale documento', 'importo totale', 'totale complessivo', 'totale iva inclusa', 'totale ivato'],
  prepaid: ['acconto', 'acconti', 'già pagato', 'importo pagato', 'anticipo', 'pagamento anticipato'],
  amountDue: ['netto a pagare', 'da pagare', 'importo dovuto', 'totale da pagare'],
  currency: ['valuta', 'divisa'],
  invoiceTitle: ['fattura'],
  creditNoteTitle: ['nota di credito'],
  receiptTitle: ['ricevuta', 'scontrino'],
};
