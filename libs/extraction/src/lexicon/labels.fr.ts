import type { LexiconData } from './lexicon.types.js';

/** French labels (data: printed forms per field). */
export const LABELS_FR: LexiconData = {
  invoiceNumber: ['facture n', 'facture no', 'numéro de facture', 'n° de facture', 'n° facture', 'numéro', 'référence', 'n°'],
  issueDate: ['date de facture', 'date de la facture', "date d'émission", 'date facture', 'émise le', 'date'],
  dueDate: ["date d'échéance", 'échéance', 'à payer avant le', 'date limite de paiement', 'date limite', 'payable le', 'payable avant le', 'à régler avant le', "date d'exigibilité"],
  deliveryDate: ['date de livraison', 'livraison', 'date de prestation'],
  servicePeriod: ['période', 'période de facturation'],
  vendor: ['émetteur', 'vendeur', 'fournisseur', 'de', 'prestataire', 'émis par'],
  customer: ['facturé à', 'client', 'destinataire', 'acheteur', 'adressé à', 'adresse de facturation', 'facturer à', 'nom du client', 'facture pour'],
  shipTo: ['livré à', 'adresse de livraison', 'livrer à'],
  vatId: ['n° tva', 'tva intracommunautaire', 'numéro de tva', 'n° tva intracom', 'siret', 'siren'],
  iban: ['iban', 'rib', 'coordonnées bancaires'],
  orderNumber: ['n° de commande', 'commande', 'bon de commande', 'référence commande'],
  subtotal: ['total ht', 'montant ht', 'sous-total', 'sous total', 'total hors taxes', 'base ht', 'net ht', 'total hors taxe', 'montant hors taxes'],
  tax: ['tva', 'montant tva', 'total tva', 'taxe'],
  total: ['total ttc', 'montant ttc', 'total', 'net à payer', 'montant total', 'total à payer', 'montant total ttc'],
  prepaid: ['acompte', 'acomptes', 'acompte versé', 'acomptes versés', 'déjà payé', 'déjà réglé', 'montant payé', 'avance reçue'],
  amountDue: ['net à payer', 'reste à payer', 'montant dû', 'solde dû', 'à payer'],
  currency: ['devise', 'monnaie'],
  invoiceTitle: ['facture'],
  creditNoteTitle: ['avoir', "facture d'avoir", 'note de crédit'],
  receiptTitle: ['reçu', 'ticket de caisse', 'ticket'],
};
