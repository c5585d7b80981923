import { describe, expect, it } from '@jest/globals';
import { documentTitle, pageTitleKey } from './page-title.js';

describe('page titles', () => {
  it('names each page by its path', () => {
    expect(pageTitleKey('/login')).toBe('login.title');
    expect(pageTitleKey('/invoices')).toBe('nav.invoices');
    expect(pageTitleKey('/invoices/')).toBe('nav.invoices');
    expect(pageTitleKey('/invoices/6f1c')).toBe('titles.invoice');
    expect(pageTitleKey('/analytics')).toBe('nav.analytics');
    expect(pageTitleKey('/monitoring')).toBe('nav.monitoring');
    expect(pageTitleKey('/')).toBeNull();
    expect(pageTitleKey('/nowhere')).toBeNull();
  });

  it('puts the page first and the app after it', () => {
    expect(documentTitle('Invoice OCR', 'Review')).toBe('Review · Invoice OCR');
    expect(documentTitle('OCR de factures', 'Facture')).toBe('Facture · OCR de factures');
    expect(documentTitle('Invoice OCR', null)).toBe('Invoice OCR');
  });
});
