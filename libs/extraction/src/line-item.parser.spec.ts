import { describe, expect, it } from '@jest/globals';
import { cleanDescription, currencyToken, parseItemColumn, parseItemLine, parseQuantitySlot } from './line-item.parser.js';

describe('parseItemLine', () => {
  it('reads description, quantity and unit price; amount = quantity x unit price', () => {
    expect(parseItemLine('Ground coffee, fair trade 4 x  98.58 Euro')).toEqual({
      description: 'Ground coffee, fair trade',
      quantity: 4,
      unitPrice: 98.58,
      amount: 394.32,
      currency: 'EUR',
    });
  });

  it('reads French decimal commas and accents, and keeps digits that end the description', () => {
    expect(parseItemLine('Réparation de l’écran 12 x 7,50 Euro')).toEqual({
      description: "Réparation de l'écran",
      quantity: 12,
      unitPrice: 7.5,
      amount: 90,
      currency: 'EUR',
    });
    expect(parseItemLine('Whiteboard markers, set of 8 2 x 338.99 Euro')?.description).toBe('Whiteboard markers, set of 8');
  });

  it('tolerates OCR noise around the x', () => {
    expect(parseItemLine('Papier pour imprimante 11. x 91,50 Euro')).toMatchObject({ quantity: 11, unitPrice: 91.5 });
    expect(parseItemLine('Formation, demi-journée 9x. 4,75 Euro')).toMatchObject({ quantity: 9, unitPrice: 4.75 });
  });

  it('refuses rows that are not items', () => {
    expect(parseItemLine('TOTAL 1472.19 Euro')).toBeNull();
    expect(parseItemLine('Pack of 24 x 7')).toBeNull();
    expect(parseItemLine('4 x 98.58 Euro')).toBeNull();
  });
});

describe('parseItemColumn', () => {
  it.each([
    ['4 x  98.58 Euro', { quantity: 4, unitPrice: 98.58, currency: 'EUR' }],
    ['10 x 1 234,56 Euro', { quantity: 10, unitPrice: 1234.56, currency: 'EUR' }],
    ['1x. 38,37 Euro', { quantity: 1, unitPrice: 38.37, currency: 'EUR' }],
    ['12 x. 3,47 Euro', { quantity: 12, unitPrice: 3.47, currency: 'EUR' }],
    ['3x _ 7.24 Euro', { quantity: 3, unitPrice: 7.24, currency: 'EUR' }],
    ['Lx 7,58 Euro', { quantity: 1, unitPrice: 7.58, currency: 'EUR' }],
    ['1 x.122;55 Eure', { quantity: 1, unitPrice: 122.55, currency: 'EUR' }],
    ['8 x-322-39 Euro', { quantity: 8, unitPrice: 322.39, currency: 'EUR' }],
    ['9:x 131.65 Euro', { quantity: 9, unitPrice: 131.65, currency: 'EUR' }],
    ['2 x 4.10 Füro', { quantity: 2, unitPrice: 4.1, currency: 'EUR' }],
    ['2 x 12.00', { quantity: 2, unitPrice: 12, currency: null }],
  ])('%s', (text, expected) => {
    expect(parseItemColumn(text)).toEqual(expected);
  });

  it('keeps the price but no quantity when the quantity slot is unreadable', () => {
    expect(parseItemColumn('EX 1.71 Euro')).toEqual({ quantity: null, unitPrice: 1.71, currency: 'EUR' });
    expect(parseItemColumn('x; 60.39 Euro')).toEqual({ quantity: null, unitPrice: 60.39, currency: 'EUR' });
    expect(parseItemColumn('7.9% 377.57 Euro')).toEqual({ quantity: null, unitPrice: 377.57, currency: 'EUR' });
  });

  it('refuses columns without a 2-decimal price, or without x nor currency', () => {
    expect(parseItemColumn('TOTAL 12.50 Euro')).toBeNull();
    expect(parseItemColumn('Lx 3/7.,97 Euro')).toBeNull();
    expect(parseItemColumn('2x 4 15 Füro')).toBeNull();
    expect(parseItemColumn('-12.50 Euro')).toBeNull();
    expect(parseItemColumn('3 12.50')).toBeNull();
    expect(parseItemColumn('Euro')).toBeNull();
  });
});

describe('small item helpers', () => {
  it('parseQuantitySlot reads a lone digit the way tesseract garbles it', () => {
    expect(parseQuantitySlot('L')).toBe(1);
    expect(parseQuantitySlot('l')).toBe(1);
    expect(parseQuantitySlot('11.')).toBe(11);
    expect(parseQuantitySlot('E')).toBeNull();
    expect(parseQuantitySlot('')).toBeNull();
  });

  it('currencyToken accepts one OCR slip on Euro only', () => {
    expect(currencyToken('Euro')).toBe('EUR');
    expect(currencyToken('EUro')).toBe('EUR');
    expect(currencyToken('Füro')).toBe('EUR');
    expect(currencyToken('€')).toBe('EUR');
    expect(currencyToken('Eur0pe')).toBeNull();
    expect(currencyToken('x')).toBeNull();
  });

  it('cleanDescription normalizes blanks and quotes', () => {
    expect(cleanDescription('  Réparation  de   l’écran  -')).toBe("Réparation de l'écran");
    expect(cleanDescription('12 -')).toBeNull();
  });

  it('ignores a speck after the unit price, before the currency sign', () => {
    expect(parseItemColumn('12 x 462,30. €')).toEqual({ quantity: 12, unitPrice: 462.3, currency: 'EUR' });
    expect(parseItemLine('Nettoyage des fenêtres 12 x 462,30. €')).toMatchObject({ quantity: 12, unitPrice: 462.3, amount: 5547.6 });
    expect(parseItemColumn('1 x 1,234.50 €')).toEqual({ quantity: 1, unitPrice: 1234.5, currency: 'EUR' });
  });
});
