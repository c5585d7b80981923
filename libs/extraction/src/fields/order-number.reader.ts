import { afterLabel, type ReadField, type WordLine } from './labelled.value.js';

/**
 * Order / purchase order number labels in English, French, German, Dutch, Spanish and Italian, over the
 * folded text (lower case, no accents). An optional "number" word and "No.", "n°", "#", "Nr." follow.
 */
const ORDER_LABEL_RE = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:` +
    [
      String.raw`(?:your\s+|customer\s+)?(?:purchase\s+)?order(?:\s+(?:number|no|ref(?:erence)?|id))?`,
      String.raw`p\.?\s?o\.?(?:\s+(?:number|no))?`,
      String.raw`(?:numero\s+de\s+|n[o°º]?\.?\s*(?:de\s+)?)?(?:bon\s+de\s+)?commande(?:\s+client)?`,
      String.raw`(?:ihre\s+)?(?:bestell|auftrags)(?:ung|nummer|-?\s?nr|\s?nummer)?`,
      String.raw`(?:uw\s+)?(?:inkoop)?(?:order|bestel)(?:nummer|\s?nr|referentie)`,
      String.raw`(?:numero\s+de\s+|n[o°º]\.?\s*(?:de\s+)?)?(?:pedido|orden\s+de\s+compra)`,
      String.raw`(?:numero\s+(?:d'|di\s+|dell'))?(?:ordine|ordinativo)(?:\s+d'acquisto|\s+di\s+acquisto)?`,
    ].join('|') +
    String.raw`)(?:\s*(?:number|nummer|numero|no|nr|n[°º.]|#)\.?)?\s*[:#.]?`,
  'u',
);

/** An order number: one identifier token with a digit ("PO-7781", "4500123456", "BE/2026/113"). */
export function parseOrderNumber(value: string): string | null {
  const token =
    value
      .replace(/^[\s:#.\-–]+/, '')
      .split(/\s+/)[0]
      ?.replace(/[.,;:)]+$/, '') ?? '';
  return /^[\p{L}\p{N}][\p{L}\p{N}_\-/.]{0,39}$/u.test(token) && /\d/.test(token) ? token : null;
}

/** The order number printed after its label (the first labelled one with an identifier as value). */
export function readOrderNumber(lines: readonly WordLine[]): ReadField<string> | null {
  for (const line of lines) {
    const labelled = afterLabel(line.words, ORDER_LABEL_RE);
    if (!labelled) continue;
    const value = parseOrderNumber(labelled.text);
    if (value)
      return {
        value,
        words: labelled.words.filter((w) => w.text.includes(value) || value.includes(w.text.replace(/^[:#]+/, ''))).slice(0, 1),
      };
  }
  return null;
}
