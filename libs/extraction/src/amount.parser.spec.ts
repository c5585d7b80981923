import { describe, expect, it } from '@jest/globals';
import { fixDigitConfusions, parseAmount, parseQuantity, roundCents } from './amount.parser.js';

describe('parseAmount', () => {
  it.each([
    ['98.58', 98.58],
    ['98,58', 98.58],
    ['1472.19', 1472.19],
    ['1472,19', 1472.19],
    ['1,472.19', 1472.19],
    ['1.472,19', 1472.19],
    ['1 472,19', 1472.19],
    ["1'472.19", 1472.19],
    ['12 345 678,90', 12345678.9],
    ['155', 155],
    ['1,472', 1472],
    ['7,5', 7.5],
    ['98.58 Euro', 98.58],
    ['€ 98,58', 98.58],
    ['$1,234.50', 1234.5],
    ['-12,50', -12.5],
    ['(12.50)', -12.5],
  ])('%s -> %s', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it('repairs OCR confusions inside a number', () => {
    expect(parseAmount('1O2.5O')).toBe(102.5);
    expect(parseAmount('l47.19')).toBe(147.19);
    expect(parseAmount('122:55')).toBe(122.55);
    expect(parseAmount('.122;55')).toBe(122.55);
  });

  it('refuses what is not a number', () => {
    expect(parseAmount('Euro')).toBeNull();
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('12a34')).toBeNull();
    expect(parseAmount('1,47,2.19')).toBeNull();
    expect(parseAmount('3/7.,97')).toBeNull();
  });
});

describe('parseQuantity', () => {
  it('reads integers and decimals, with digit confusions', () => {
    expect(parseQuantity('4')).toBe(4);
    expect(parseQuantity('12')).toBe(12);
    expect(parseQuantity('2,5')).toBe(2.5);
    expect(parseQuantity('l2')).toBe(12);
    expect(parseQuantity('1O')).toBe(10);
    expect(parseQuantity('11.')).toBe(11);
  });

  it('refuses zero and non-numbers', () => {
    expect(parseQuantity('0')).toBeNull();
    expect(parseQuantity('x')).toBeNull();
    expect(parseQuantity('')).toBeNull();
  });
});

describe('fixDigitConfusions', () => {
  it('maps look-alike letters only in mostly numeric tokens', () => {
    expect(fixDigitConfusions('2O19')).toBe('2019');
    expect(fixDigitConfusions('Sl')).toBe('Sl');
    expect(fixDigitConfusions('Total')).toBe('Total');
  });
});

describe('roundCents', () => {
  it('rounds half up at the cent without float artefacts', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(4 * 98.58)).toBe(394.32);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });
});
