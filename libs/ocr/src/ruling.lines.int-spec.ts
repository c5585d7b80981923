/**
 * Ruling lines on real OCR (tesseract.js): the `rules` preprocessing step paints a table's grid over before
 * tesseract reads the page. A synthetic ruled table whose cells' print touches the left rule, and invoices-dev's
 * scan aegee-factuur (a Dutch invoice rendered at 150 dpi, item table in a grid; read from
 * ../shared/datasets/invoices-dev, never copied into the repository, that test skipped with a message when the
 * folder is missing), whose item rows tesseract reads as noise with the rules on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { OcrEngine } from './ocr.engine.js';
import { preprocessImage } from './preprocess.image.js';

const RULED_SCAN = resolve(process.cwd(), process.env.EVAL_INVOICES_DIR ?? '../shared/datasets/invoices-dev', 'scans', 'aegee-factuur.png');
const withRuledScan = existsSync(RULED_SCAN) ? it : it.skip;
if (!existsSync(RULED_SCAN)) console.warn(`ruled table scan test skipped: ${RULED_SCAN} is missing (see the datasets README)`);

const ROWS = [
  ['Description', 'Qty', 'Price', 'Amount'],
  ['Copper pipe 22mm', '12', '4,75', '57,00'],
  ['Elbow joint', '30', '1,20', '36,00'],
  ['Solder wire 250g', '2', '9,95', '19,90'],
];
const COLUMNS = [60, 560, 680, 820, 1000];

/** A 150 dpi-like page with an item table in a full grid, each cell's text 3 px right of its left rule. */
async function ruledTable(): Promise<Buffer> {
  const rowHeight = 44;
  const top = 300;
  const rules = [
    ...ROWS.map((_, r) => `<rect x="${COLUMNS[0]}" y="${top + r * rowHeight}" width="${1000 - 60}" height="2"/>`),
    `<rect x="${COLUMNS[0]}" y="${top + ROWS.length * rowHeight}" width="${1000 - 60 + 2}" height="2"/>`,
    ...COLUMNS.map((x) => `<rect x="${x}" y="${top}" width="2" height="${ROWS.length * rowHeight}"/>`),
  ].join('');
  const cells = ROWS.flatMap((row, r) =>
    row.map(
      (text, c) =>
        `<text x="${(COLUMNS[c] as number) + 5}" y="${top + r * rowHeight + 31}" font-size="24" font-family="DejaVu Sans">${text}</text>`,
    ),
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="900"><rect width="100%" height="100%" fill="#fff"/><g fill="#000">${rules}${cells}</g><text x="60" y="120" font-size="32" font-family="DejaVu Sans">INVOICE 2024-0117</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('rules preprocessing step (real OCR)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1 });
  }, 120_000);
  afterAll(async () => {
    await engine?.terminate();
  });

  it('paints the grid over and reads every cell of a ruled table', async () => {
    const image = await ruledTable();
    const prepared = await preprocessImage(image);
    expect(prepared.applied.rules).toBeGreaterThan(0.003);
    const page = await engine.recognize(image, { qr: false });
    const cells = ROWS.flat();
    expect(cells.filter((cell) => page.text.includes(cell))).toEqual(cells);
    // No rule read as a character.
    expect(page.words.filter((w) => /^[|[\]_]+$/.test(w.text))).toEqual([]);
  }, 120_000);

  it('leaves a page without rules as it is', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="600"><rect width="100%" height="100%" fill="#fff"/>${ROWS.map(
      (row, r) => `<text x="60" y="${120 + r * 44}" font-size="24" font-family="DejaVu Sans">${row.join('   ')}</text>`,
    ).join('')}</svg>`;
    const image = await sharp(Buffer.from(svg)).png().toBuffer();
    const on = await preprocessImage(image, { steps: { rules: true } });
    const off = await preprocessImage(image, { steps: { rules: false } });
    expect(on.applied.rules).toBe(0);
    expect(Buffer.compare(on.data, off.data)).toBe(0);
  });

  it('keeps the rules on the page the QR search reads', async () => {
    const image = await ruledTable();
    const on = await preprocessImage(image, { steps: { rules: true } });
    const off = await preprocessImage(image, { steps: { rules: false } });
    expect(Buffer.compare(Buffer.from(on.grey.data), Buffer.from(off.grey.data))).toBe(0);
    expect(Buffer.compare(on.data, off.data)).not.toBe(0);
  });

  withRuledScan(
    "reads a 150 dpi scan's ruled item rows with the step, and not without it",
    async () => {
      const image = await readFile(RULED_SCAN);
      const withStep = await engine.recognize(image, { qr: false });
      const without = await engine.recognize(image, { qr: false, preprocessing: { rules: false } });
      for (const amount of ['105,00', '40,00', '145,00']) expect(withStep.text).toContain(amount);
      expect(withStep.text).toContain('Waluigi');
      expect(without.text).not.toContain('105,00');
    },
    120_000,
  );
});
