import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExtractedInvoiceSchema } from '@invoice/contracts';
import { looksLikeXml, NotAnEInvoiceError, readEInvoice, syntaxOf } from './einvoice.reader.js';
import { toExtractedInvoice } from './einvoice.extracted.js';

const fixture = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', name));

const ZUGFERD_1 = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
 <rsm:SpecifiedExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:SpecifiedExchangedDocumentContext>
 <rsm:HeaderExchangedDocument><ram:ID>K-17</ram:ID><ram:TypeCode>381</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20140301</udt:DateTimeString></ram:IssueDateTime></rsm:HeaderExchangedDocument>
 <rsm:SpecifiedSupplyChainTradeTransaction>
  <ram:ApplicableSupplyChainTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Werkstatt Kunz</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">12/345/67890</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:Name>Meier KG</ram:Name></ram:BuyerTradeParty>
   <ram:BuyerOrderReferencedDocument><ram:ID>B-9</ram:ID></ram:BuyerOrderReferencedDocument>
  </ram:ApplicableSupplyChainTradeAgreement>
  <ram:ApplicableSupplyChainTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:ApplicableTradeTax><ram:CalculatedAmount currencyID="EUR">1.90</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount currencyID="EUR">10.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:ApplicablePercent>19.00</ram:ApplicablePercent></ram:ApplicableTradeTax>
   <ram:SpecifiedTradeSettlementMonetarySummation>
    <ram:LineTotalAmount currencyID="EUR">10.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount currencyID="EUR">10.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">1.90</ram:TaxTotalAmount><ram:GrandTotalAmount currencyID="EUR">11.90</ram:GrandTotalAmount><ram:DuePayableAmount currencyID="EUR">11.90</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementMonetarySummation>
  </ram:ApplicableSupplyChainTradeSettlement>
  <ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:IncludedNote><ram:Content>Gutschrift zur Lieferung 55</ram:Content></ram:IncludedNote></ram:AssociatedDocumentLineDocument></ram:IncludedSupplyChainTradeLineItem>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="C62">2</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
   <ram:SpecifiedSupplyChainTradeSettlement><ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">10.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation></ram:SpecifiedSupplyChainTradeSettlement>
   <ram:SpecifiedTradeProduct><ram:Name>Dichtung</ram:Name></ram:SpecifiedTradeProduct>
  </ram:IncludedSupplyChainTradeLineItem>
 </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>`;

const UBL_CREDIT_NOTE = `<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
 <cbc:ID>GS-3</cbc:ID><cbc:IssueDate>2026-10-01</cbc:IssueDate><cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A GmbH</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>B AG</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
 <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2026-10-15</cbc:PaymentDueDate></cac:PaymentMeans>
 <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">1.90</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">10.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">1.90</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
 <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">10.00</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">11.90</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">11.90</cbc:PayableAmount></cac:LegalMonetaryTotal>
 <cac:CreditNoteLine><cbc:ID>1</cbc:ID><cbc:CreditedQuantity unitCode="KGM">2.5</cbc:CreditedQuantity><cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Kaffee</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">4.00</cbc:PriceAmount></cac:Price></cac:CreditNoteLine>
</CreditNote>`;

describe('readEInvoice: CII (Factur-X / ZUGFeRD 2.x)', () => {
  const e = readEInvoice(fixture('factur-x-en16931.xml'));
  const x = toExtractedInvoice(e, 'factur-x.xml');

  it('reads every field the XML states, exactly, with source einvoice and confidence 1', () => {
    expect(e.syntax).toBe('CII');
    expect(e.profile).toBe('EN 16931');
    expect(x).toMatchObject({
      invoiceNumber: 'FX-2026-0042',
      documentType: 'invoice',
      issueDate: '2026-11-15',
      dueDate: '2026-12-15',
      deliveryDate: '2026-11-12',
      currency: 'EUR',
      vendorName: 'Verger du Midi SARL',
      vendorAddress: '12 rue des Oliviers, 34000 Montpellier, FR',
      vendorVatId: 'FR32123456782',
      vendorRegistrationId: '123456782',
      vendorEmail: 'factures@verger-midi.example',
      customerName: 'Épicerie Centrale',
      customerAddressLine1: '5 avenue Parmentier',
      customerAddressLine2: '75011 Paris, FR',
      customerVatId: 'FR61987654321',
      iban: 'FR7630006000011234567890189',
      paymentTerms: 'Paiement à 30 jours',
      orderNumber: 'PO-7781',
      buyerReference: 'SERVICE-ACHATS',
      subtotal: 95,
      taxAmount: 11.75,
      taxRate: null,
      total: 106.75,
      prepaidAmount: 20,
      amountDue: 86.75,
      taxLines: [
        { rate: 5.5, base: 50, amount: 2.75, category: 'S' },
        { rate: 20, base: 45, amount: 9, category: 'S' },
      ],
      lineItems: [
        { description: 'Pommes Golden (caisse)', quantity: 4, unit: 'C62', unitPrice: 12.5, amount: 50, taxRate: 5.5 },
        { description: 'Livraison', quantity: 1.5, unit: 'HUR', unitPrice: 30, amount: 45, taxRate: 20 },
      ],
      issues: [],
      einvoice: { syntax: 'CII', profile: 'EN 16931', typeCode: '380', attachment: 'factur-x.xml', failedRules: [], mismatches: [] },
    });
    expect(x.fieldEvidence.total).toEqual({ confidence: 1, wordIndexes: [], source: 'einvoice' });
    expect(x.lineItemsEvidence?.source).toBe('einvoice');
    expect(() => ExtractedInvoiceSchema.parse(x)).not.toThrow();
  });
});

describe('readEInvoice: ZUGFeRD 1.0', () => {
  it('reads the 1.0 element names, a credit note, a text-only line and the tax number as registration', () => {
    const x = toExtractedInvoice(readEInvoice(ZUGFERD_1));
    expect(x).toMatchObject({
      invoiceNumber: 'K-17',
      documentType: 'credit_note',
      issueDate: '2014-03-01',
      vendorName: 'Werkstatt Kunz',
      vendorRegistrationId: '12/345/67890',
      customerName: 'Meier KG',
      orderNumber: 'B-9',
      total: 11.9,
      taxRate: 19,
      einvoice: { syntax: 'ZUGFeRD 1.0', profile: 'COMFORT' },
    });
    expect(x.lineItems).toEqual([
      { description: 'Gutschrift zur Lieferung 55', quantity: 0, unitPrice: 0, amount: 0, unit: null, taxRate: null },
      { description: 'Dichtung', quantity: 2, unitPrice: 5, amount: 10, unit: 'C62', taxRate: null },
    ]);
  });
});

describe('readEInvoice: UBL', () => {
  it('reads a Peppol BIS 3 invoice', () => {
    const x = toExtractedInvoice(readEInvoice(fixture('peppol-ubl-invoice.xml')));
    expect(x).toMatchObject({
      invoiceNumber: 'UBL-889',
      documentType: 'invoice',
      issueDate: '2026-11-20',
      dueDate: '2026-12-20',
      vendorName: 'Nordlicht Leuchten GmbH',
      vendorVatId: 'DE123456789',
      vendorRegistrationId: 'HRB 12345',
      vendorEmail: 'billing@nordlicht.example',
      vendorAddress: 'Hafenstraße 3, 20457 Hamburg, DE',
      customerName: 'Stadt Bremen',
      customerEmail: 'rechnung@bremen.example',
      buyerReference: '04011000-12345-03',
      orderNumber: 'ORD-55',
      iban: 'DE89370400440532013000',
      paymentTerms: 'Zahlbar innerhalb von 30 Tagen',
      subtotal: 320,
      taxAmount: 57,
      total: 377,
      prepaidAmount: 77,
      amountDue: 300,
      taxLines: [
        { rate: 19, base: 300, amount: 57, category: 'S' },
        { rate: 0, base: 20, amount: 0, category: 'E' },
      ],
      lineItems: [
        { description: 'Stehleuchte Aurora', quantity: 3, unit: 'C62', unitPrice: 100, amount: 300, taxRate: 19 },
        { description: 'Beratung', quantity: 0.5, unit: 'HUR', unitPrice: 40, amount: 20, taxRate: 0 },
      ],
      issues: [],
      einvoice: { syntax: 'UBL', profile: 'PEPPOL BIS 3' },
    });
  });

  it('reads an XRechnung UBL credit note (due date from the payment means)', () => {
    const x = toExtractedInvoice(readEInvoice(UBL_CREDIT_NOTE));
    expect(x).toMatchObject({
      invoiceNumber: 'GS-3',
      documentType: 'credit_note',
      dueDate: '2026-10-15',
      vendorName: 'A GmbH',
      customerName: 'B AG',
      total: 11.9,
      einvoice: { profile: 'XRECHNUNG' },
    });
    expect(x.lineItems).toEqual([{ description: 'Kaffee', quantity: 2.5, unit: 'KGM', unitPrice: 4, amount: 10, taxRate: 19 }]);
  });
});

describe('what is an e-invoice', () => {
  it('knows the roots by name and namespace', () => {
    expect(syntaxOf({ name: 'Invoice', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2' })).toBe('UBL');
    expect(syntaxOf({ name: 'Invoice', namespace: 'urn:un:unece:uncefact:data:standard:CBFBUY:5' })).toBe('ZUGFeRD 1.0');
    expect(syntaxOf({ name: 'Invoice', namespace: '' })).toBeNull();
    expect(syntaxOf({ name: 'Order', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Order-2' })).toBeNull();
  });

  it('refuses other XML with a message naming the root', () => {
    expect(() => readEInvoice('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')).toThrow(NotAnEInvoiceError);
    expect(() => readEInvoice('<svg xmlns="http://www.w3.org/2000/svg"/>')).toThrow(/root element svg/);
  });

  it('sniffs XML by its first bytes', () => {
    expect(looksLikeXml(Buffer.from('\uFEFF  <?xml version="1.0"?><a/>'))).toBe(true);
    expect(looksLikeXml(Buffer.from('<rsm:CrossIndustryInvoice/>'))).toBe(true);
    expect(looksLikeXml(Buffer.from('<!DOCTYPE r [<!ENTITY x "y">]><r/>'))).toBe(true);
    expect(looksLikeXml(Buffer.from('%PDF-1.7'))).toBe(false);
    expect(looksLikeXml(Buffer.from('hello <a/>'))).toBe(false);
  });
});
