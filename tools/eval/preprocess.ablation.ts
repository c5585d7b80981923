/**
 * npm run eval:preprocess -- --dataset DIR [--limit N] [--concurrency N] [--steps orientation,deskew,...] [--combo crop,-contrast ...]
 *
 * Measures each optional preprocessing step (libs/ocr preprocess.steps.ts) on a labelled folder: the
 * evaluation (real OCR, real extraction, the scoring of `npm run eval`) runs once with the default
 * steps (the baseline), then once per step with that step switched (on if it is off by default, off if
 * it is on), all on one engine started once. Prints, per run: mean field accuracy, documents with every
 * field right, OCR CER where transcripts exist, and throughput, each against the baseline measured in
 * the same run (configurations interleaved per document, so machine load falls on all alike). Each --combo adds a run with several steps switched at once (a candidate set of defaults).
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PREPROCESS_STEPS, type ExtractedInvoice, type PreprocessStep } from '@invoice/contracts';
import { extractInvoice } from '@invoice/extraction';
import { DEFAULT_PREPROCESS_STEPS, OcrEngine, parseStepList, type PreprocessSteps } from '@invoice/ocr';
import { loadDataset, type LoadedDataset } from './dataset.js';
import { scoreDocument, summarize, type DocumentResult, type Summary } from './score.js';

const USAGE =
  'usage: npm run eval:preprocess -- --dataset DIR [--limit N] [--concurrency N] [--steps deskew,denoise,...] [--combo crop,-contrast ...]';

export interface AblationRun {
  name: string;
  steps: PreprocessSteps;
  summary: Summary;
}

/** Mean share of right fields over the compared fields (fields the extraction does not produce are left out). */
export function meanFieldAccuracy(summary: Summary): number {
  const compared = summary.fields.filter((f) => f.status === 'compared' && f.of > 0);
  return compared.length === 0 ? 0 : compared.reduce((sum, f) => sum + f.share, 0) / compared.length;
}

/** The runs: baseline (defaults), then each asked step switched from its default. */
export function ablationConfigs(
  steps: readonly PreprocessStep[],
  combos: readonly string[] = [],
): { name: string; steps: PreprocessSteps }[] {
  return [
    { name: 'baseline (defaults)', steps: {} },
    ...steps.map((step) => {
      const on = !DEFAULT_PREPROCESS_STEPS[step];
      return { name: `${on ? '+' : '-'}${step}`, steps: { [step]: on } };
    }),
    ...combos.map((combo) => ({ name: combo.replace(/\s+/g, ''), steps: parseStepList(combo) })),
  ];
}

/**
 * Every configuration on every document, interleaved: each lane takes the next document and reads it
 * with each configuration in turn, so that load changes on the machine fall on all configurations
 * alike. A configuration's time is the sum of its own document times, spread over the lanes.
 */
async function runAll(
  engine: OcrEngine,
  dataset: LoadedDataset,
  images: Buffer[],
  configs: readonly { name: string; steps: PreprocessSteps }[],
  concurrency: number,
  onDocument?: (done: number, total: number) => void,
): Promise<Summary[]> {
  const results = configs.map(() => new Array<DocumentResult>(dataset.documents.length));
  const spentMs = configs.map(() => 0);
  let next = 0;
  let finished = 0;
  const lane = async () => {
    while (next < dataset.documents.length) {
      const index = next++;
      const doc = dataset.documents[index]!;
      for (const [c, config] of configs.entries()) {
        let extracted: ExtractedInvoice | null = null;
        let ocr: { text: string; durationMs: number; meanConfidence: number } | null = null;
        let error: string | null = null;
        const started = performance.now();
        try {
          const result = await engine.recognizeDocument(images[index]!, { preprocessing: config.steps });
          ocr = result;
          extracted = extractInvoice(result.pages);
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        spentMs[c]! += performance.now() - started;
        results[c]![index] = scoreDocument(doc, ocr, extracted, error);
      }
      onDocument?.(++finished, dataset.documents.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return configs.map((_, c) => summarize(dataset.format, results[c]!, spentMs[c]! / 1000 / concurrency, concurrency));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

export function formatAblation(runs: readonly AblationRun[]): string {
  const base = runs[0]!.summary;
  const baseAcc = meanFieldAccuracy(base);
  const rows = runs.map((run) => {
    const s = run.summary;
    const acc = meanFieldAccuracy(s);
    const cer = s.cer ? pct(s.cer.cerLine) : '-';
    const cerDelta = s.cer && base.cer ? signed(s.cer.cerLine - base.cer.cerLine) : '-';
    return `| ${run.name} | ${pct(acc)} | ${signed(acc - baseAcc)} | ${pct(s.allFieldsCorrect.share)} | ${signed(s.allFieldsCorrect.share - base.allFieldsCorrect.share)} | ${cer} | ${cerDelta} | ${s.pagesPerSecond.toFixed(2)} | ${(s.pagesPerSecond / base.pagesPerSecond).toFixed(2)} |`;
  });
  return [
    '| run | mean field accuracy | Δ (points) | all fields right | Δ (points) | OCR CER | Δ (points) | pages/s | speed vs baseline |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      limit: { type: 'string' },
      concurrency: { type: 'string' },
      steps: { type: 'string' },
      combo: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.dataset) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if ((limit !== undefined && !(Number.isInteger(limit) && limit > 0)) || !(Number.isInteger(concurrency) && concurrency > 0)) {
    process.stderr.write(`--limit and --concurrency must be positive integers\n${USAGE}\n`);
    process.exit(2);
  }
  const steps = (values.steps?.split(',').map((s) => s.trim()) ?? [...PREPROCESS_STEPS]) as PreprocessStep[];
  const unknown = steps.filter((s) => !(PREPROCESS_STEPS as readonly string[]).includes(s));
  if (unknown.length) {
    process.stderr.write(`unknown step(s) ${unknown.join(', ')}; known: ${PREPROCESS_STEPS.join(', ')}\n`);
    process.exit(2);
  }
  const dataset = await loadDataset(values.dataset, limit);
  const images = await Promise.all(dataset.documents.map((doc) => readFile(doc.imagePath)));
  const engine = await OcrEngine.create({ concurrency });
  const runs: AblationRun[] = [];
  try {
    // One warm-up page per worker so the first run is not charged for cold caches.
    await Promise.all(images.slice(0, concurrency).map((image) => engine.recognizeDocument(image).catch(() => undefined)));
    const configs = ablationConfigs(steps, values.combo ?? []);
    const summaries = await runAll(engine, dataset, images, configs, concurrency, (done, total) =>
      process.stderr.write(`[${done}/${total}]\n`),
    );
    for (const [c, config] of configs.entries()) runs.push({ ...config, summary: summaries[c]! });
  } finally {
    await engine.terminate();
  }
  console.log(`${values.dataset}: ${dataset.documents.length} ${dataset.format} documents, ${concurrency} tesseract workers`);
  console.log(formatAblation(runs));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
