/** The two-letter codes of the US states, the District of Columbia and the inhabited territories. */
const US_STATE_CODES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP'.split(
    ' ',
  ),
);
/** Digits the OCR reads for capital letters of a state code. */
const LOOK_ALIKE: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B' };
/** "City, ST 12345" (or ZIP+4) at the end of a line, the state code as read. */
const CITY_STATE_ZIP_RE = /(,\s*)([A-Z0-9]{2})(\s+\d{5}(?:-\d{4})?)$/;

/**
 * A US "City, ST 12345" line whose state code the OCR read with a digit for a letter (`Greenfield, 1A 95351`)
 * with the code repaired (`Greenfield, IA 95351`), when the letters put back make a real state code and
 * nothing else does; any other line unchanged. Returns whether it repaired something.
 */
export function repairUsStateCode(line: string): { text: string; repaired: boolean } {
  const match = CITY_STATE_ZIP_RE.exec(line);
  if (!match) return { text: line, repaired: false };
  const code = match[2] as string;
  if (!/\d/.test(code) || !/\s*\S/.test(line.slice(0, match.index))) return { text: line, repaired: false };
  const fixed = [...code].map((c) => LOOK_ALIKE[c] ?? c).join('');
  if (/\d/.test(fixed) || !US_STATE_CODES.has(fixed)) return { text: line, repaired: false };
  return { text: `${line.slice(0, match.index)}${match[1]}${fixed}${match[3]}`, repaired: true };
}
