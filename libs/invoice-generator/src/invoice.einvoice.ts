import { escapeXml } from './invoice.format.js';
import type { InvoiceGroundTruth } from './invoice.types.js';

/** The e-invoice syntaxes the generator writes: UBL 2.1 (Peppol BIS 3) and CII D16B (Factur-X / ZUGFeRD 2.x, EN 16931 profile). */
export const EINVOICE_SYNTAXES = ['ubl', 'cii'] as const;
export type EInvoiceSyntaxName = (typeof EINVOICE_SYNTAXES)[number];

/** The seller a classic layout does not print: the XML needs one. */
const DEFAULT_VENDOR = 'Synthetic Vendor';

const money = (n: number) => n.toFixed(2);
const qty = (n: number) => String(Number(n.toFixed(4)));

/** Amounts of the invoice as EN 16931 states them: one VAT breakdown (the printed rate, else exempt at 0). */
function totals(truth: InvoiceGroundTruth) {
  const lineTotal = Number(truth.lineItems.reduce((a, l) => a + l.amount, 0).toFixed(2));
  const taxed = truth.taxRate != null && truth.taxAmount != null && truth.subtotal != null;
  const net = taxed ? truth.subtotal! : lineTotal;
  const tax = taxed ? truth.taxAmount! : 0;
  return { lineTotal, net, tax, rate: taxed ? truth.taxRate! : 0, category: taxed ? 'S' : 'E', total: truth.total };
}

const vendorParts = (truth: InvoiceGroundTruth) => {
  const [street = 'Main Street 1', city = '00000 City'] = (truth.vendorAddress ?? '').split(', ');
  return { name: truth.vendorName ?? DEFAULT_VENDOR, street, city };
};

/** The invoice as a Peppol BIS 3 UBL invoice (the seller and buyer of the page, its lines, its totals). */
export function toUblInvoice(truth: InvoiceGroundTruth): string {
  const t = totals(truth);
  const vendor = vendorParts(truth);
  const cur = `currencyID="${truth.currency}"`;
  const lines = truth.lineItems.map(
    (
      l,
      i,
    ) => `  <cac:InvoiceLine><cbc:ID>${i + 1}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">${qty(l.quantity)}</cbc:InvoicedQuantity><cbc:LineExtensionAmount ${cur}>${money(l.amount)}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>${escapeXml(l.description)}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>${t.category}</cbc:ID><cbc:Percent>${t.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount ${cur}>${qty(l.unitPrice)}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>${escapeXml(truth.invoiceNumber)}</cbc:ID>
  <cbc:IssueDate>${truth.issueDate}</cbc:IssueDate>
${truth.dueDate ? `  <cbc:DueDate>${truth.dueDate}</cbc:DueDate>\n` : ''}  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>${truth.currency}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cbc:StreetName>${escapeXml(vendor.street)}</cbc:StreetName><cbc:CityName>${escapeXml(vendor.city)}</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>${escapeXml(vendor.name)}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>${truth.customerId}</cbc:ID></cac:PartyIdentification>
    <cac:PostalAddress><cbc:StreetName>${escapeXml(truth.customerAddressLine1)}</cbc:StreetName><cbc:CityName>${escapeXml(truth.customerAddressLine2)}</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>${escapeXml(truth.customerName)}</cbc:RegistrationName></cac:PartyLegalEntity>${truth.customerEmail ? `<cac:Contact><cbc:ElectronicMail>${escapeXml(truth.customerEmail)}</cbc:ElectronicMail></cac:Contact>` : ''}</cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount ${cur}>${money(t.tax)}</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount ${cur}>${money(t.net)}</cbc:TaxableAmount><cbc:TaxAmount ${cur}>${money(t.tax)}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>${t.category}</cbc:ID><cbc:Percent>${t.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:LineExtensionAmount ${cur}>${money(t.lineTotal)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount ${cur}>${money(t.net)}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount ${cur}>${money(t.total)}</cbc:TaxInclusiveAmount><cbc:PayableAmount ${cur}>${money(t.total)}</cbc:PayableAmount></cac:LegalMonetaryTotal>
${lines.join('\n')}
</Invoice>
`;
}

/** The invoice as a Factur-X / ZUGFeRD 2.x CII invoice, EN 16931 profile. */
export function toCiiInvoice(truth: InvoiceGroundTruth): string {
  const t = totals(truth);
  const vendor = vendorParts(truth);
  const day = (iso: string) => `<udt:DateTimeString format="102">${iso.replace(/-/g, '')}</udt:DateTimeString>`;
  const lines = truth.lineItems.map(
    (
      l,
      i,
    ) => `    <ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>${i + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>${escapeXml(l.description)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${qty(l.unitPrice)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">${qty(l.quantity)}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${t.category}</ram:CategoryCode><ram:RateApplicablePercent>${t.rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${money(l.amount)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>${escapeXml(truth.invoiceNumber)}</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime>${day(truth.issueDate)}</ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
${lines.join('\n')}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>${escapeXml(vendor.name)}</ram:Name><ram:PostalTradeAddress><ram:LineOne>${escapeXml(vendor.street)}</ram:LineOne><ram:CityName>${escapeXml(vendor.city)}</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:ID>${truth.customerId}</ram:ID><ram:Name>${escapeXml(truth.customerName)}</ram:Name>${truth.customerEmail ? `<ram:DefinedTradeContact><ram:EmailURIUniversalCommunication><ram:URIID>${escapeXml(truth.customerEmail)}</ram:URIID></ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>` : ''}<ram:PostalTradeAddress><ram:LineOne>${escapeXml(truth.customerAddressLine1)}</ram:LineOne><ram:CityName>${escapeXml(truth.customerAddressLine2)}</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>${truth.currency}</ram:InvoiceCurrencyCode>
      <ram:ApplicableTradeTax><ram:CalculatedAmount>${money(t.tax)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>${money(t.net)}</ram:BasisAmount><ram:CategoryCode>${t.category}</ram:CategoryCode><ram:RateApplicablePercent>${t.rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
${truth.dueDate ? `      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>${day(truth.dueDate)}</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>\n` : ''}      <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>${money(t.lineTotal)}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>${money(t.net)}</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="${truth.currency}">${money(t.tax)}</ram:TaxTotalAmount><ram:GrandTotalAmount>${money(t.total)}</ram:GrandTotalAmount><ram:DuePayableAmount>${money(t.total)}</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;
}

/** The invoice written in `syntax`. */
export const toEInvoiceXml = (truth: InvoiceGroundTruth, syntax: EInvoiceSyntaxName): string =>
  syntax === 'ubl' ? toUblInvoice(truth) : toCiiInvoice(truth);
