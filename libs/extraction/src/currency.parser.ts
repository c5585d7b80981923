/**
 * ISO 4217 code of the first currency mention in a text: Euro/EUR/€ -> EUR, $/USD -> USD, £/GBP -> GBP,
 * CHF, JPY/¥, CAD, AUD, INR/₹/Rs. (before an amount), MYR/RM (before an amount). A word of 3 to 5 letters starting with "eur" counts as the euro (Euro, Euros,
 * and OCR slips such as "Eure").
 */
export function detectCurrency(text: string): string | null {
  const m =
    /(\beur[a-z]{0,2}\b|€|\busd\b|us\$|\$|\bgbp\b|£|\bchf\b|\bjpy\b|¥|\bcad\b|\baud\b|\binr\b|₹|\bRs\.?(?=\s?\d)|\bmyr\b|\bRM(?=\s?\d))/i.exec(
      text,
    );
  if (!m) return null;
  const token = (m[1] as string).toLowerCase();
  if (token.startsWith('eur') || token === '€') return 'EUR';
  if (token === 'usd' || token === 'us$' || token === '$') return 'USD';
  if (token === 'gbp' || token === '£') return 'GBP';
  if (token === 'jpy' || token === '¥') return 'JPY';
  if (token === 'rm') return 'MYR';
  if (token === '₹' || token.startsWith('rs')) return 'INR';
  return token.toUpperCase();
}
