import type { OcrWord } from '@invoice/contracts';
import { parseAmount } from '../amount.parser.js';
import { afterLabel, type ReadField, type WordLine } from './labelled.value.js';

/** "Amount due" labels in English, French, German, Dutch, Spanish and Italian, over the folded text. */
const AMOUNT_DUE_LABEL_RE = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:` +
    [
      String.raw`(?:total\s+)?amount\s+(?:due|payable|to\s+pay)|balance\s+due|total\s+due|(?:total\s+)?to\s+pay|please\s+pay`,
      String.raw`reste\s+a\s+payer|net\s+a\s+payer|montant\s+(?:du|a\s+payer)|solde\s+du|total\s+a\s+payer`,
      String.raw`zahlbetrag|zu\s+zahlen(?:der\s+betrag)?|offener\s+betrag|restbetrag|(?:noch\s+)?zu\s+zahlender\s+betrag|zahlbarer\s+betrag|falliger\s+betrag`,
      String.raw`te\s+betalen(?:\s+bedrag)?|openstaand\s+bedrag|verschuldigd\s+bedrag|totaal\s+te\s+betalen`,
      String.raw`importe\s+(?:a\s+pagar|adeudado|pendiente)|total\s+a\s+pagar|saldo\s+pendiente`,
      String.raw`importo\s+(?:dovuto|da\s+pagare)|totale\s+da\s+pagare|netto\s+a\s+pagare|saldo\s+dovuto`,
    ].join('|') +
    String.raw`)\s*(?:\([^)\d]*\))?\s*[:=]?`,
  'u',
);

/** The amount in a label's value: the whole value when it reads as one, else the last token with two decimals. */
function amountOf(words: readonly OcrWord[]): ReadField<number> | null {
  const whole = parseAmount(words.map((w) => w.text).join(' '));
  if (whole !== null) return { value: whole, words: words.filter((w) => /\d/.test(w.text)) };
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] as OcrWord;
    const m = /-?\d[\d,.' ]*[.,]\d{2}(?!\d)-?/.exec(word.text);
    const value = m ? parseAmount(m[0]) : null;
    if (value !== null) return { value, words: [word] };
  }
  return null;
}

/**
 * What is left to pay: the amount after the last "amount due" label on the document (the figure at the
 * bottom of the totals). Its sign is the printed one: a credit note may print it negative.
 */
export function readAmountDue(lines: readonly WordLine[]): ReadField<number> | null {
  let found: ReadField<number> | null = null;
  for (const line of lines) {
    const labelled = afterLabel(line.words, AMOUNT_DUE_LABEL_RE);
    const amount = labelled ? amountOf(labelled.words) : null;
    if (amount) found = amount;
  }
  return found;
}
