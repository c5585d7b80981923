import type { TaxLine } from '@invoice/contracts';

/** Tax lines as one line of text: "20% 1000.00 200.00; 5.5% 100.00 5.50", a "-" for a base or tax not printed. */
export function formatTaxLines(lines: readonly TaxLine[]): string {
  const amount = (value: number | null) => (value === null ? '-' : value.toFixed(2));
  return lines.map((line) => `${line.rate}% ${amount(line.base)} ${amount(line.amount)}`).join('; ');
}

const number = (text: string): number | null => (text === '-' ? null : Number(text.replace(/\s/g, '').replace(',', '.')));

/**
 * Reads what {@link formatTaxLines} writes, decimal commas accepted ("20 % 1000,00 200,00"). A line that is
 * not `<rate>% <base> <tax>` makes the whole text null (the form reports it).
 */
export function parseTaxLines(text: string): TaxLine[] | null {
  const lines: TaxLine[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d+(?:[.,]\d+)?)\s*%\s+(-|-?\d+(?:[.,]\d+)?)\s+(-|-?\d+(?:[.,]\d+)?)$/.exec(part);
    const [, rate, base, amount] = match ?? [];
    if (rate === undefined || base === undefined || amount === undefined) return null;
    // The rate is a number (the pattern has no '-' for it); base and tax may be '-'.
    lines.push({ rate: Number(rate.replace(',', '.')), base: number(base), amount: number(amount) });
  }
  return lines;
}
