import { describe, expect, it } from '@jest/globals';
import { buildCorrection, CORRECTABLE_FIELDS, formValues } from './correction-form.js';

const invoice = { invoiceNumber: 'INV-1', issueDate: '2026-01-02', customerName: 'Acme', customerEmail: null, total: 12.5, currency: 'EUR' };

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
    expect(buildCorrection(invoice, formValues(invoice)).body).toEqual({ invoiceNumber: 'INV-1', issueDate: '2026-01-02', customerName: 'Acme', total: 12.5, currency: 'EUR' });
  });

  it('names the invalid fields with the schema messages', () => {
    const { body, errors } = buildCorrection(invoice, { ...formValues(invoice), currency: 'euro', total: 'abc' });
    expect(body).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['currency', 'total']);
    expect(errors.currency).toMatch(/ISO 4217/);
  });
});
