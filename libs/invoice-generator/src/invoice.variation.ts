import { createRng } from './prng.js';
import { FONT_FAMILIES, type InvoiceVariation } from './invoice.types.js';
import { COMPANY_NAMES } from './word-lists.js';

const LOGO_COLORS = ['#1b6e4f', '#8a2be2', '#d2691e', '#2f4f8f', '#b22222', '#008080'] as const;

/** Seed-derived visual variation; uses its own PRNG stream, independent from the data stream. */
export function deriveVariation(seed: number): InvoiceVariation {
  const rng = createRng((Math.trunc(seed) ^ 0x5bd1e995) >>> 0);
  const round1 = (n: number): number => Math.round(n * 10) / 10;
  return {
    fontFamily: rng.pick(FONT_FAMILIES),
    titleSize: rng.int(30, 36),
    bodySize: rng.int(17, 20),
    smallSize: rng.int(13, 15),
    marginX: rng.int(50, 80),
    marginY: rng.int(45, 70),
    rotationDeg: round1(rng.float(-1, 1)),
    noise: rng.int(0, 6),
    noiseMode: 'paper',
    jpegQuality: rng.int(70, 95),
    companyName: rng.pick(COMPANY_NAMES),
    logoColor: rng.pick(LOGO_COLORS),
  };
}
