import type { EInvoice, EInvoiceLine, EInvoiceParty, EInvoiceTax } from './einvoice.model.js';
import { addressParts, profileOf } from './profile.names.js';
import { all, decimal, decimalOf, first, isoDate, text, textOf } from './xml.query.js';
import type { XmlElement } from './xml.tree.js';

function party(element: XmlElement | null): EInvoiceParty {
  const p = first(element, 'Party');
  const a = first(p, 'PostalAddress');
  const vat = all(p, 'PartyTaxScheme').find((s) => text(s, 'TaxScheme', 'ID')?.toUpperCase() === 'VAT');
  const endpoint = first(p, 'EndpointID');
  return {
    name: text(p, 'PartyLegalEntity', 'RegistrationName') ?? text(p, 'PartyName', 'Name'),
    vatId: text(vat, 'CompanyID'),
    registrationId: text(p, 'PartyLegalEntity', 'CompanyID'),
    email: text(p, 'Contact', 'ElectronicMail') ?? (endpoint?.attributes.schemeID === 'EM' ? textOf(endpoint) : null),
    ...addressParts(
      [text(a, 'StreetName'), text(a, 'AdditionalStreetName'), text(a, 'AddressLine', 'Line')],
      text(a, 'PostalZone'),
      text(a, 'CityName'),
      text(a, 'Country', 'IdentificationCode'),
    ),
  };
}

function line(item: XmlElement): EInvoiceLine {
  const quantity = first(item, 'InvoicedQuantity|CreditedQuantity');
  const category = first(item, 'Item', 'ClassifiedTaxCategory');
  return {
    lineId: text(item, 'ID'),
    description: text(item, 'Item', 'Name') ?? text(item, 'Item', 'Description') ?? text(item, 'Note'),
    quantity: decimalOf(quantity),
    unit: quantity?.attributes.unitCode ?? null,
    unitPrice: decimal(item, 'Price', 'PriceAmount'),
    priceBaseQuantity: decimal(item, 'Price', 'BaseQuantity'),
    netAmount: decimal(item, 'LineExtensionAmount'),
    taxRate: decimal(category, 'Percent'),
    taxCategory: text(category, 'ID'),
  };
}

const tax = (t: XmlElement): EInvoiceTax => ({
  category: text(t, 'TaxCategory', 'ID'),
  rate: decimal(t, 'TaxCategory', 'Percent'),
  base: decimal(t, 'TaxableAmount'),
  amount: decimal(t, 'TaxAmount'),
});

/** Reads an OASIS UBL 2.1 `Invoice` or `CreditNote` (Peppol BIS 3, XRechnung UBL, EN 16931). */
export function readUbl(root: XmlElement): EInvoice {
  const currency = text(root, 'DocumentCurrencyCode');
  // A tax currency other than the invoice's gives a second TaxTotal, in that currency, without breakdown.
  const taxTotals = all(root, 'TaxTotal');
  const taxTotal = taxTotals.find((t) => first(t, 'TaxAmount')?.attributes.currencyID === currency) ?? taxTotals[0] ?? null;
  const totals = first(root, 'LegalMonetaryTotal');
  const specification = text(root, 'CustomizationID');
  const means = all(root, 'PaymentMeans');
  return {
    syntax: 'UBL',
    root: root.name,
    specification,
    profile: profileOf(specification),
    invoiceNumber: text(root, 'ID'),
    typeCode: text(root, 'InvoiceTypeCode|CreditNoteTypeCode') ?? (root.name === 'CreditNote' ? '381' : '380'),
    issueDate: isoDate(text(root, 'IssueDate')),
    dueDate: isoDate(text(root, 'DueDate')) ?? means.map((m) => isoDate(text(m, 'PaymentDueDate'))).find((d) => d !== null) ?? null,
    deliveryDate: isoDate(text(root, 'Delivery', 'ActualDeliveryDate')),
    currency,
    seller: party(first(root, 'AccountingSupplierParty')),
    buyer: party(first(root, 'AccountingCustomerParty')),
    paymentTerms:
      all(root, 'PaymentTerms')
        .map((t) => text(t, 'Note'))
        .filter(Boolean)
        .join(' ') || null,
    iban: means.map((m) => text(m, 'PayeeFinancialAccount', 'ID')).find((v) => v !== null) ?? null,
    orderReference: text(root, 'OrderReference', 'ID'),
    buyerReference: text(root, 'BuyerReference'),
    lineTotal: decimal(totals, 'LineExtensionAmount'),
    allowanceTotal: decimal(totals, 'AllowanceTotalAmount'),
    chargeTotal: decimal(totals, 'ChargeTotalAmount'),
    netTotal: decimal(totals, 'TaxExclusiveAmount'),
    taxTotal: decimal(taxTotal, 'TaxAmount'),
    grandTotal: decimal(totals, 'TaxInclusiveAmount'),
    prepaid: decimal(totals, 'PrepaidAmount'),
    rounding: decimal(totals, 'PayableRoundingAmount'),
    amountDue: decimal(totals, 'PayableAmount'),
    taxes: all(taxTotal, 'TaxSubtotal').map(tax),
    lines: all(root, 'InvoiceLine|CreditNoteLine').map(line),
  };
}
