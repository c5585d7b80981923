import type { EInvoice, EInvoiceLine, EInvoiceParty, EInvoiceSyntax, EInvoiceTax } from './einvoice.model.js';
import { addressParts, profileOf } from './profile.names.js';
import { all, decimal, decimalOf, first, isoDate, text, textOf } from './xml.query.js';
import type { XmlElement } from './xml.tree.js';

// CII D16B (ZUGFeRD 2.x, Factur-X, XRechnung) names first, then the ZUGFeRD 1.0 (and pre-1.0) ones.
const DOCUMENT = 'ExchangedDocument|HeaderExchangedDocument';
const TRANSACTION = 'SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction';
const AGREEMENT = 'ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement';
const DELIVERY = 'ApplicableHeaderTradeDelivery|ApplicableSupplyChainTradeDelivery';
const SETTLEMENT = 'ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement';
const SUMMATION = 'SpecifiedTradeSettlementHeaderMonetarySummation|SpecifiedTradeSettlementMonetarySummation';
const LINE_AGREEMENT = 'SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement';
const LINE_DELIVERY = 'SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery';
const LINE_SETTLEMENT = 'SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement';
const LINE_SUMMATION = 'SpecifiedTradeSettlementLineMonetarySummation|SpecifiedTradeSettlementMonetarySummation';
const RATE = 'RateApplicablePercent|ApplicablePercent';

/** A CII date: `<DateTimeString format="102">` inside the element, or (pre-1.0) the element's own text. */
function dateOf(element: XmlElement | null): string | null {
  if (!element) return null;
  return isoDate(text(element, 'DateTimeString') ?? textOf(element));
}

const taxId = (party: XmlElement | null, scheme: string) =>
  all(party, 'SpecifiedTaxRegistration', 'ID')
    .map((id) => (id.attributes.schemeID === scheme ? textOf(id) : null))
    .find((v) => v !== null) ?? null;

function address(party: XmlElement | null) {
  const a = first(party, 'PostalTradeAddress');
  return addressParts(
    [text(a, 'LineOne'), text(a, 'LineTwo'), text(a, 'LineThree')],
    text(a, 'PostcodeCode'),
    text(a, 'CityName'),
    text(a, 'CountryID'),
  );
}

function party(element: XmlElement | null): EInvoiceParty {
  const email =
    text(element, 'DefinedTradeContact', 'EmailURIUniversalCommunication', 'URIID') ??
    (all(element, 'URIUniversalCommunication', 'URIID').find((u) => u.attributes.schemeID === 'EM')
      ? text(element, 'URIUniversalCommunication', 'URIID')
      : null);
  return {
    name: text(element, 'Name'),
    vatId: taxId(element, 'VA'),
    registrationId: text(element, 'SpecifiedLegalOrganization', 'ID') ?? taxId(element, 'FC'),
    email,
    ...address(element),
  };
}

function line(item: XmlElement): EInvoiceLine {
  const net = first(item, LINE_AGREEMENT, 'NetPriceProductTradePrice');
  const quantity = first(item, LINE_DELIVERY, 'BilledQuantity');
  const tax = first(item, LINE_SETTLEMENT, 'ApplicableTradeTax');
  return {
    lineId: text(item, 'AssociatedDocumentLineDocument', 'LineID'),
    description: text(item, 'SpecifiedTradeProduct', 'Name') ?? text(item, 'AssociatedDocumentLineDocument', 'IncludedNote', 'Content'),
    quantity: decimalOf(quantity),
    unit: quantity?.attributes.unitCode ?? null,
    unitPrice: decimal(net, 'ChargeAmount'),
    priceBaseQuantity: decimal(net, 'BasisQuantity'),
    netAmount: decimal(item, LINE_SETTLEMENT, LINE_SUMMATION, 'LineTotalAmount'),
    taxRate: decimal(tax, RATE),
    taxCategory: text(tax, 'CategoryCode'),
  };
}

const tax = (t: XmlElement): EInvoiceTax => ({
  category: text(t, 'CategoryCode'),
  rate: decimal(t, RATE),
  base: decimal(t, 'BasisAmount'),
  amount: decimal(t, 'CalculatedAmount'),
});

/** The tax total in the invoice currency (an invoice in another currency than its VAT gives two). */
function taxTotal(summation: XmlElement | null, currency: string | null): number | null {
  const totals = all(summation, 'TaxTotalAmount');
  const chosen =
    totals.find((t) => currency !== null && t.attributes.currencyID === currency) ??
    totals.find((t) => !t.attributes.currencyID) ??
    totals[0];
  return decimalOf(chosen);
}

/** Reads a CII e-invoice (ZUGFeRD 1.0 `CrossIndustryDocument`, its pre-1.0 `Invoice`, or D16B `CrossIndustryInvoice`). */
export function readCii(root: XmlElement, syntax: Extract<EInvoiceSyntax, 'CII' | 'ZUGFeRD 1.0'>): EInvoice {
  const document = first(root, DOCUMENT);
  const transaction = first(root, TRANSACTION);
  const agreement = first(transaction, AGREEMENT);
  const settlement = first(transaction, SETTLEMENT);
  const summation = first(settlement, SUMMATION);
  const specification = text(
    root,
    'ExchangedDocumentContext|SpecifiedExchangedDocumentContext',
    'GuidelineSpecifiedDocumentContextParameter',
    'ID',
  );
  const currency = text(settlement, 'InvoiceCurrencyCode');
  const terms = all(settlement, 'SpecifiedTradePaymentTerms');
  return {
    syntax,
    root: root.name,
    specification,
    profile: profileOf(specification),
    invoiceNumber: text(document, 'ID'),
    typeCode: text(document, 'TypeCode'),
    issueDate: dateOf(first(document, 'IssueDateTime')),
    dueDate: terms.map((t) => dateOf(first(t, 'DueDateDateTime'))).find((d) => d !== null) ?? null,
    deliveryDate: dateOf(first(transaction, DELIVERY, 'ActualDeliverySupplyChainEvent', 'OccurrenceDateTime')),
    currency,
    seller: party(first(agreement, 'SellerTradeParty')),
    buyer: party(first(agreement, 'BuyerTradeParty')),
    paymentTerms:
      terms
        .map((t) => text(t, 'Description'))
        .filter(Boolean)
        .join(' ') || null,
    iban:
      all(settlement, 'SpecifiedTradeSettlementPaymentMeans', 'PayeePartyCreditorFinancialAccount', 'IBANID')
        .map(textOf)
        .find((v) => v !== null) ?? null,
    orderReference:
      text(agreement, 'BuyerOrderReferencedDocument', 'IssuerAssignedID') ?? text(agreement, 'BuyerOrderReferencedDocument', 'ID'),
    buyerReference: text(agreement, 'BuyerReference'),
    lineTotal: decimal(summation, 'LineTotalAmount'),
    allowanceTotal: decimal(summation, 'AllowanceTotalAmount'),
    chargeTotal: decimal(summation, 'ChargeTotalAmount'),
    netTotal: decimal(summation, 'TaxBasisTotalAmount'),
    taxTotal: taxTotal(summation, currency),
    grandTotal: decimal(summation, 'GrandTotalAmount'),
    prepaid: decimal(summation, 'TotalPrepaidAmount'),
    rounding: decimal(summation, 'RoundingAmount'),
    amountDue: decimal(summation, 'DuePayableAmount'),
    taxes: all(settlement, 'ApplicableTradeTax').map(tax),
    lines: all(transaction, 'IncludedSupplyChainTradeLineItem').map(line),
  };
}
