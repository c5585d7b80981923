/**
 * The comparison engine: plain `tesseract` command line (Debian's tesseract-ocr 5, `-l fra+eng`, default page
 * segmentation, no preprocessing, no QR decoding), its TSV output turned into the OCR words the extraction
 * reads. Used by `npm run eval -- --engine tesseract-cli` only; the product stays on tesseract.js.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { OcrPageResult, OcrWord } from '@invoice/contracts';

const run = promisify(execFile);

/**
 * Words of a `tesseract ... tsv` output: level-5 rows with text (columns level, page_num, block_num, par_num,
 * line_num, word_num, left, top, width, height, conf, text), and the text as lines (block, paragraph, line).
 */
export function parseTesseractTsv(tsv: string): { words: OcrWord[]; text: string } {
  const words: OcrWord[] = [];
  const lines = new Map<string, string[]>();
  for (const row of tsv.split(/\r?\n/).slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    if (!text) continue;
    const [left, top, width, height, conf] = cols.slice(6, 11).map(Number) as [number, number, number, number, number];
    words.push({ text, confidence: Math.max(0, conf), bbox: { x0: left, y0: top, x1: left + width, y1: top + height }, page: 0 });
    const key = cols.slice(2, 5).join(':');
    lines.set(key, [...(lines.get(key) ?? []), text]);
  }
  return { words, text: [...lines.values()].map((l) => l.join(' ')).join('\n') };
}

let version: string | null = null;

/** Runs `tesseract <image> stdout -l fra+eng tsv` on one image. */
export async function recognizeWithCli(image: Buffer, languages = 'fra+eng'): Promise<OcrPageResult> {
  const dir = await mkdtemp(join(tmpdir(), 'eval-tesseract-'));
  try {
    const file = join(dir, 'page');
    await writeFile(file, image);
    version ??= (await run('tesseract', ['--version'])).stdout.split('\n')[0]!.trim();
    const start = performance.now();
    const { stdout } = await run('tesseract', [file, 'stdout', '-l', languages, 'tsv'], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const durationMs = performance.now() - start;
    const { words, text } = parseTesseractTsv(stdout);
    const meanConfidence = words.length ? words.reduce((a, w) => a + w.confidence, 0) / words.length : 0;
    return { text, words, meanConfidence, width: 0, height: 0, durationMs, engineVersion: version, qrPayload: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
