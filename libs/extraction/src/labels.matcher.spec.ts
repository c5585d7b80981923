import { describe, expect, it } from '@jest/globals';
import { matchLabel } from './labels.matcher.js';

const words = (text: string) => text.split(' ').map((t) => ({ text: t }));

describe('matchLabel', () => {
  it.each([
    ['INVOICE FAC_2019_0001', 'title', 'en', 1],
    ['FACTURE FAC_2019_0001', 'title', 'fr', 1],
    ['Issue date 2019-01-01', 'issueDate', 'en', 2],
    ["Date d'émission 2019-01-01", 'issueDate', 'fr', 2],
    ['Date d’emission 2019-01-01', 'issueDate', 'fr', 2],
    ['Bill to Sarah Smith', 'billTo', 'en', 2],
    ['Facturé à Sarah Smith', 'billTo', 'fr', 2],
    ['Facturé a Sarah Smith', 'billTo', 'fr', 2],
    ['Email sarah@example.com', 'email', null, 1],
    ['E-mail sarah@example.com', 'email', null, 1],
    ['Courriel sarah@example.com', 'email', 'fr', 1],
    ['Address 0496 Brianna Crossing', 'address', 'en', 1],
    ['Adresse 0496 Brianna Crossing', 'address', 'fr', 1],
    ['TOTAL 1472.19 Euro', 'total', null, 1],
    ['Invoice date: 2019-01-01', 'issueDate', 'en', 2],
  ])('%s -> %s', (text, field, language, wordCount) => {
    const match = matchLabel(words(text));
    expect(match?.label.field).toBe(field);
    expect(match?.label.language).toBe(language);
    expect(match?.wordCount).toBe(wordCount);
  });

  it('tolerates one OCR error in long labels only', () => {
    expect(matchLabel(words('Adrcsse 12 Main Street'))?.label.field).toBe('address');
    expect(matchLabel(words('FACTUR E'))?.label.field).toBe('title');
    expect(matchLabel(words('Bil to Sarah'))?.label.field).toBe('billTo');
    expect(matchLabel(words('Emall sarah@example.com'))).toBeNull();
    expect(matchLabel(words('TOTAI 12.00'))).toBeNull();
  });

  it('does not match ordinary text', () => {
    expect(matchLabel(words('Ground coffee, fair trade'))).toBeNull();
    expect(matchLabel(words('New Tabitha, RI 41854'))).toBeNull();
    expect(matchLabel([])).toBeNull();
  });
});
