import { describe, expect, it } from '@jest/globals';
import { emailLocalPart, generateInvoiceData } from './invoice.data.js';

describe('generateInvoiceData', () => {
  it('is deterministic: the same seed gives the same truth, another seed another one', () => {
    expect(generateInvoiceData(42, { language: 'fr', withEmail: true })).toEqual(
      generateInvoiceData(42, { language: 'fr', withEmail: true }),
    );
    expect(generateInvoiceData(42)).not.toEqual(generateInvoiceData(43));
  });

  it('keeps amounts exact: amount = quantity x unitPrice at 2 decimals, total = sum of amounts', () => {
    for (let seed = 0; seed < 200; seed++) {
      const truth = generateInvoiceData(seed);
      expect(truth.lineItems.length).toBeGreaterThanOrEqual(1);
      expect(truth.lineItems.length).toBeLessThanOrEqual(8);
      let cents = 0;
      for (const item of truth.lineItems) {
        expect(Math.round(item.quantity * item.unitPrice * 100) / 100).toBe(item.amount);
        expect(Number.isInteger(item.quantity)).toBe(true);
        cents += Math.round(item.amount * 100);
      }
      expect(truth.total).toBe(cents / 100);
    }
  });

  it('produces the documented formats', () => {
    for (let seed = 0; seed < 100; seed++) {
      const t = generateInvoiceData(seed, { withEmail: seed % 2 === 0 });
      expect(t.invoiceNumber).toMatch(/^FAC_(201[89]|202[0-4])_\d{4}$/);
      expect(t.invoiceNumber.slice(4, 8)).toBe(t.issueDate.slice(0, 4));
      expect(t.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${t.issueDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(t.issueDate);
      expect(t.issueTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
      expect(t.customerId).toMatch(/^\d{5}$/);
      expect(t.customerCategory).toMatch(/^[A-E]$/);
      expect(t.customerAddressLine2).toMatch(/^[A-Za-z ]+, [A-Z]{2} \d{5}$/);
      expect(t.customerEmail === null).toBe(seed % 2 !== 0);
      expect(t.currency).toBe('EUR');
    }
  });

  it('writes French descriptions and names for French invoices, and ASCII emails', () => {
    const texts = Array.from({ length: 30 }, (_, seed) => generateInvoiceData(seed, { language: 'fr', withEmail: true }));
    expect(texts.every((t) => t.language === 'fr')).toBe(true);
    expect(texts.some((t) => t.lineItems.some((i) => /[éèàçâêîôû]/i.test(i.description)))).toBe(true);
    expect(texts.every((t) => /^[a-z.]+@example\.(com|org|net)$/.test(t.customerEmail ?? ''))).toBe(true);
  });

  it('strips accents from email local parts', () => {
    expect(emailLocalPart('Hélène Lefèvre')).toBe('helene.lefevre');
    expect(emailLocalPart('Sarah Smith')).toBe('sarah.smith');
  });
});
