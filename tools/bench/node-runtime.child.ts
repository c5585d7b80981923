/**
 * One run of the node-runtime benchmark (started by node-runtime.bench.ts under the Node and flags
 * being measured): OCRs the given page images one after the other with one tesseract.js worker and
 * the product's settings, and prints one JSON line: the runtime, whether it offers relaxed SIMD,
 * the worker's start-up time and, for each page, its recognition time, the CPU time the process
 * spent on it (all threads: steadier than wall time on a loaded machine) and its text digest.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { OcrEngine } from '@invoice/ocr';

const require = createRequire(import.meta.url);
const { relaxedSimd, simd } = require('wasm-feature-detect') as { relaxedSimd: () => Promise<boolean>; simd: () => Promise<boolean> };

const files = process.argv.slice(2);
const images = await Promise.all(files.map((file) => readFile(file)));
const createStarted = performance.now();
const engine = await OcrEngine.create({ concurrency: 1 });
const createMs = Math.round(performance.now() - createStarted);
const pages: { recognizeMs: number; cpuMs: number; textSha: string }[] = [];
try {
  await engine.recognize(images[0]!); // warm-up: the first page pays for lazy initialisation
  for (const image of images) {
    const cpuBefore = process.cpuUsage();
    const page = await engine.recognize(image);
    const cpu = process.cpuUsage(cpuBefore);
    pages.push({
      recognizeMs: page.timings?.recognizeMs ?? page.durationMs,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      textSha: createHash('sha256').update(page.text).digest('hex').slice(0, 16),
    });
  }
} finally {
  await engine.terminate();
}
console.log(JSON.stringify({ node: process.version, simd: await simd(), relaxedSimd: await relaxedSimd(), createMs, pages }));
