import { describe, expect, it } from '@jest/globals';
import { buildCorrection, CORRECTABLE_FIELDS, formValues } from './correction-form.js';
import { rowsFromItems } from './line-items.form.js';

const invoice = {
  invoiceNumber: 'INV-1',
  issueDate: '2026-01-02',
  customerName: 'Acme',
  customerEmail: null,
  total: 12.5,
  currency: 'EUR',
};

describe('review correction form', () => {
  it('lists the correctable fields of the contract, in display order, without line items', () => {
    expect(CORRECTABLE_FIELDS.slice(0, 4)).toEqual(['invoiceNumber', 'issueDate', 'dueDate', 'vendorName']);
    for (const name of ['customerName', 'subtotal', 'taxAmount', 'taxRate', 'total']) expect(CORRECTABLE_FIELDS).toContain(name);
    // Fields outside the display list (QR-only ones) come after it.
    expect(CORRECTABLE_FIELDS.indexOf('customerId')).toBeGreaterThan(CORRECTABLE_FIELDS.indexOf('total'));
    expect(CORRECTABLE_FIELDS).not.toContain('lineItems');
  });

  it('sends only the changed fields, parsed (decimal comma, empty is null)', () => {
    const values = { ...formValues(invoice), total: '1 250,50', customerName: '' };
    expect(buildCorrection(invoice, values)).toEqual({ body: { total: 1250.5, customerName: null }, errors: {} });
  });

  it('confirms every filled field when nothing changed (the API needs one)', () => {
    expect(buildCorrection(invoice, formValues(invoice)).body).toEqual({
      invoiceNumber: 'INV-1',
      issueDate: '2026-01-02',
      customerName: 'Acme',
      total: 12.5,
      currency: 'EUR',
    });
  });

  it('names the invalid fields with the schema messages', () => {
    const { body, errors } = buildCorrection(invoice, { ...formValues(invoice), currency: 'euro', total: 'abc' });
    expect(body).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['currency', 'total']);
    expect(errors.currency).toMatch(/ISO 4217/);
  });

  it('edits the new fields: tax lines as text, the amount due as a number, VAT id and IBAN normalized', () => {
    const withFields = {
      ...invoice,
      taxLines: [{ rate: 20, base: 10, amount: 2 }],
      amountDue: 12.5,
      documentType: 'invoice',
      iban: null,
      vendorVatId: null,
    };
    expect(formValues(withFields).taxLines).toBe('20% 10.00 2.00');
    const values = {
      ...formValues(withFields),
      taxLines: '20% 10,00 2,00; 5.5% 9.00 0.50',
      amountDue: '-12,50',
      documentType: 'credit_note',
      iban: 'de89 3704 0044 0532 0130 00',
      vendorVatId: 'de 136 695 976',
    };
    expect(buildCorrection(withFields, values)).toEqual({
      body: {
        taxLines: [
          { rate: 20, base: 10, amount: 2 },
          { rate: 5.5, base: 9, amount: 0.5 },
        ],
        amountDue: -12.5,
        documentType: 'credit_note',
        iban: 'DE89370400440532013000',
        vendorVatId: 'DE136695976',
      },
      errors: {},
    });
  });

  it('names unreadable tax lines and an unknown document type code', () => {
    const { errors } = buildCorrection(invoice, { ...formValues(invoice), taxLines: 'twenty percent', documentType: 'Credit Note!' });
    expect(Object.keys(errors).sort()).toEqual(['documentType', 'taxLines']);
  });
});

describe('review correction form: IBAN', () => {
  it('refuses an IBAN whose check digits fail', () => {
    const { errors } = buildCorrection(invoice, { ...formValues(invoice), iban: 'DE89 3704 0044 0532 0130 01' });
    expect(errors.iban).toMatch(/mod-97/);
  });
});

describe('review correction form: line items', () => {
  const withItems = { ...invoice, lineItems: [{ description: 'Paper', quantity: 2, unitPrice: 5, amount: 10 }] };

  it('sends the line items only when the rows differ, alone when no field changed', () => {
    const rows = rowsFromItems(withItems.lineItems);
    expect(buildCorrection(withItems, formValues(withItems), rows).body).not.toHaveProperty('lineItems');
    const edited = [{ ...rows[0]!, unitPrice: '6', amount: '12' }];
    expect(buildCorrection(withItems, formValues(withItems), edited)).toEqual({
      body: { lineItems: [{ description: 'Paper', quantity: 2, unitPrice: 6, amount: 12 }] },
      errors: {},
    });
    expect(buildCorrection(withItems, { ...formValues(withItems), total: '12' }, [])).toEqual({
      body: { total: 12, lineItems: [] },
      errors: {},
    });
  });

  it('names an invalid row and column, and sends nothing', () => {
    const rows = [{ ...rowsFromItems(withItems.lineItems)[0]!, description: ' ', quantity: 'x' }];
    const { body, errors } = buildCorrection(withItems, formValues(withItems), rows);
    expect(body).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['lineItems.0.description', 'lineItems.0.quantity']);
  });
});
