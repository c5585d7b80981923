/** The values read in one item row, by column (null when the column is missing or its cell empty). */
export interface ItemValues {
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
  net: number | null;
  gross: number | null;
  discount: number | null;
}

/** An item's values after the arithmetic check, with what was inferred or found wrong. */
export interface CheckedItem {
  quantity: number | null;
  unitPrice: number | null;
  /** The line total: the net amount when the table prints net and gross. */
  amount: number | null;
  net: number | null;
  gross: number | null;
  /** `inferred:quantity|unitPrice|amount`, `discount` (the amount is under quantity x unit price), `mismatch`. */
  flags: string[];
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** A whole number whose last two digits, read as cents, are not zero: what "59.99" is when the OCR drops its point. */
const lostCents = (value: number): boolean => Number.isInteger(value) && Math.abs(value) >= 100 && value % 100 !== 0;

/** Whether quantity x unit price gives the amount, to the cent (prices with 3 or 4 decimals round to it). */
export function productMatches(quantity: number, unitPrice: number, amount: number): boolean {
  return Math.abs(quantity * unitPrice - amount) <= Math.max(0.011, Math.abs(amount) * 0.0005);
}

/**
 * Checks quantity x unit price = amount, and fills the one value that is missing from the other two. A quantity
 * read as thousands ("1.000" for 1,000 pieces or for one) is taken in the reading that makes the product hold; a
 * smaller one is as printed (a "2" is never 0.002). A whole-number unit price or amount whose hundredth (with cents)
 * makes the product hold lost its decimal point to the OCR ("$5999" for "$59.99"). An
 * amount under the product is a discount when the table has a discount column or the amount is smaller; any other
 * difference is a mismatch.
 */
export function checkItem(values: ItemValues): CheckedItem {
  const flags: string[] = [];
  let { quantity, unitPrice } = values;
  let amount = values.net ?? values.amount ?? values.gross;
  if (
    quantity !== null &&
    unitPrice !== null &&
    amount !== null &&
    Math.abs(quantity) >= 1000 &&
    !productMatches(quantity, unitPrice, amount) &&
    productMatches(quantity / 1000, unitPrice, amount)
  ) {
    quantity /= 1000;
  }
  // A decimal point the OCR lost ("$5999" for "$59.99") in a whole-number price or amount, when the cents (not
  // ".00": "100" is no "1.00" misread) make the product hold.
  if (quantity !== null && unitPrice !== null && amount !== null && !productMatches(quantity, unitPrice, amount)) {
    if (lostCents(unitPrice) && productMatches(quantity, unitPrice / 100, amount)) unitPrice /= 100;
    else if (lostCents(amount) && productMatches(quantity, unitPrice, amount / 100)) amount /= 100;
  }
  if (amount === null && quantity !== null && unitPrice !== null) {
    amount = round(quantity * unitPrice, 2);
    flags.push('inferred:amount');
  } else if (amount !== null && quantity === null && unitPrice !== null && unitPrice !== 0) {
    quantity = round(amount / unitPrice, 4);
    flags.push('inferred:quantity');
  } else if (amount !== null && unitPrice === null && quantity !== null && quantity !== 0) {
    unitPrice = round(amount / quantity, 4);
    flags.push('inferred:unitPrice');
  } else if (amount !== null && quantity === null && unitPrice === null) {
    quantity = 1;
    unitPrice = amount;
    flags.push('inferred:quantity', 'inferred:unitPrice');
  }
  if (quantity !== null && unitPrice !== null && amount !== null && !productMatches(quantity, unitPrice, amount)) {
    flags.push(values.discount !== null || Math.abs(amount) < Math.abs(quantity * unitPrice) ? 'discount' : 'mismatch');
  }
  return { quantity, unitPrice, amount, net: values.net, gross: values.gross, flags };
}
