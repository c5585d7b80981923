import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEInvoice } from './einvoice.reader.js';
import { checkEn16931 } from './en16931.rules.js';
import { toExtractedInvoice } from './einvoice.extracted.js';

const xml = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'factur-x-en16931.xml'), 'utf8');
/** The fixture with one element's text replaced (the first occurrence after `after`). */
const altered = (after: string, from: string, to: string) => {
  const at = xml.indexOf(after);
  const i = xml.indexOf(from, at);
  if (at < 0 || i < 0) throw new Error(`${from} not found after ${after}`);
  return xml.slice(0, i) + to + xml.slice(i + from.length);
};
const rules = (text: string) => checkEn16931(readEInvoice(text)).map((f) => f.rule);

describe('EN 16931 calculation rules', () => {
  it('the consistent invoice breaks none', () => {
    expect(rules(xml)).toEqual([]);
  });

  it.each([
    [
      'a line net that no longer sums to the line total',
      '<ram:LineID>2</ram:LineID>',
      '<ram:LineTotalAmount>45.00',
      '<ram:LineTotalAmount>45.10',
      ['BR-CO-10'],
    ],
    [
      'a net total off by the allowances',
      'HeaderMonetarySummation',
      '<ram:TaxBasisTotalAmount>95.00',
      '<ram:TaxBasisTotalAmount>96.00',
      ['BR-CO-13', 'BR-CO-15'],
    ],
    [
      'a tax total off the sum of the tax lines',
      'HeaderMonetarySummation',
      '11.75</ram:TaxTotalAmount>',
      '11.85</ram:TaxTotalAmount>',
      ['BR-CO-14', 'BR-CO-15'],
    ],
    [
      'a grand total off net + tax',
      'HeaderMonetarySummation',
      '<ram:GrandTotalAmount>106.75',
      '<ram:GrandTotalAmount>107.75',
      ['BR-CO-15', 'BR-CO-16'],
    ],
    [
      'an amount due that ignores the prepaid amount',
      'HeaderMonetarySummation',
      '<ram:DuePayableAmount>86.75',
      '<ram:DuePayableAmount>106.75',
      ['BR-CO-16'],
    ],
    [
      'a tax line whose tax is not base × rate',
      '<ram:ApplicableHeaderTradeSettlement>',
      '<ram:CalculatedAmount>9.00',
      '<ram:CalculatedAmount>9.50',
      ['BR-CO-14', 'BR-CO-17'],
    ],
  ])('%s', (_name, after, from, to, expected) => {
    expect(rules(altered(after, from, to))).toEqual(expected);
  });

  it('tolerates a cent of rounding in a tax line (BR-CO-17), not in the sums', () => {
    const rounded = altered('<ram:ApplicableHeaderTradeSettlement>', '<ram:CalculatedAmount>2.75', '<ram:CalculatedAmount>2.76');
    expect(rules(rounded)).toEqual(['BR-CO-14']);
  });

  it('reports each failed rule by name as an issue, and keeps the invoice', () => {
    const x = toExtractedInvoice(
      readEInvoice(altered('HeaderMonetarySummation', '<ram:DuePayableAmount>86.75', '<ram:DuePayableAmount>106.75')),
    );
    expect(x.issues).toEqual(['einvoice_rule:BR-CO-16']);
    expect(x.einvoice?.failedRules).toEqual(['BR-CO-16']);
    expect(x.amountDue).toBe(106.75);
  });

  it('does not check BR-CO-16 on MINIMUM, which cannot state a prepaid amount', () => {
    const minimum = altered('<ram:ID>', 'urn:cen.eu:en16931:2017', 'urn:factur-x.eu:1p0:minimum').replace(
      /<ram:TotalPrepaidAmount>20.00<\/ram:TotalPrepaidAmount>/,
      '',
    );
    expect(rules(minimum)).toEqual([]);
  });
});
