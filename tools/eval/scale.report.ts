/**
 * npm run eval:scale [-- --generated N] [--dataset DIR]... [--text-height 23]
 *
 * How many pixels tesseract is handed when each page is scaled by the size of its print (`targetTextHeight`
 * --text-height) and when it is scaled by its short side (the default, `targetTextHeight: 0`): per set, the pages whose print was measured, the mean
 * scale and the mean megapixels of each plan. Preprocessing only (sharp, no OCR): the accuracy and time of the two
 * come from `npm run eval -- --text-height 23|0` (docs/evaluation/2026-12-06-ocr-speed.md).
 */
import { readFile, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { preprocessImage } from '@invoice/ocr';
import { loadDataset } from './dataset.js';
import { writeGeneratedSet } from './evaluate.js';

const { values } = parseArgs({
  options: {
    generated: { type: 'string', default: '40' },
    dataset: { type: 'string', multiple: true, default: ['../shared/datasets/sroie-dev'] },
    'text-height': { type: 'string', default: '23' },
  },
});
const textHeight = Number(values['text-height']);
if (!(textHeight > 0)) throw new Error(`--text-height must be a positive number of pixels (got ${values['text-height']})`);
const generated = Number(values.generated);
if (!Number.isInteger(generated) || generated < 0) throw new Error(`--generated must be a non-negative integer (got ${values.generated})`);

async function report(name: string, dir: string): Promise<void> {
  const { documents } = await loadDataset(dir);
  let measured = 0;
  const sums = { text: { scale: 0, mp: 0 }, side: { scale: 0, mp: 0 } };
  for (const doc of documents) {
    const image = await readFile(doc.imagePath);
    const byText = await preprocessImage(image, { limits: { targetTextHeight: textHeight } });
    const bySide = await preprocessImage(image, { limits: { targetTextHeight: 0 } });
    if (byText.applied.textHeight !== null) measured++;
    sums.text.scale += byText.plan.scale;
    sums.text.mp += (byText.plan.targetWidth * byText.plan.targetHeight) / 1e6;
    sums.side.scale += bySide.plan.scale;
    sums.side.mp += (bySide.plan.targetWidth * bySide.plan.targetHeight) / 1e6;
  }
  const n = Math.max(1, documents.length);
  const f = (v: number) => (v / n).toFixed(2);
  console.log(`${name}: ${documents.length} pages, print measured on ${measured}`);
  console.log(`  by the print:     mean scale ${f(sums.text.scale)}, mean ${f(sums.text.mp)} MP handed to tesseract`);
  console.log(`  by the short side: mean scale ${f(sums.side.scale)}, mean ${f(sums.side.mp)} MP handed to tesseract`);
}

if (generated > 0) {
  const dir = await writeGeneratedSet(generated, 500_000);
  try {
    await report(`generated ${generated} from seed 500000`, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
for (const dir of values.dataset) await report(dir, dir);
