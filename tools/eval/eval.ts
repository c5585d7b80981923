/**
 * npm run eval -- (--dataset DIR [--mode text|scan] [--einvoice] | --generated N [--seed S]) [--engine tesseract.js|tesseract+ppocr|tesseract-cli|transcript] [--second-threshold 0..100] [--second-page-threshold 0..100] [--threshold T] [--limit N] [--json FILE] [--concurrency 2] [--text-height PX] [--preprocess rules,-contrast]
 *
 * Real OCR + real extraction over a labelled folder (generator ground truth or SROIE, detected from the files);
 * prints a table and the summary as JSON; --json writes the full report (summary + every document) to FILE.
 * Methods: tools/eval/README.md.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseStepList } from '@invoice/ocr';
import { rescoreReport, runEvaluation, writeGeneratedSet, type EngineName, type EvaluationReport } from './evaluate.js';
import { formatGrouping, formatSummary } from './report.js';
import { compareReports, formatComparison } from './compare.js';

const USAGE =
  'usage: npm run eval -- (--dataset DIR [--mode text|scan] [--einvoice] | --generated N [--seed S] | --from-report FILE [--changes | --compare NEW.json]) [--engine tesseract.js|tesseract+ppocr|tesseract-cli|transcript] [--second-threshold 0..100] [--second-page-threshold 0..100] [--threshold 0..1] [--limit N] [--json FILE] [--concurrency N] [--reread doubtful|always|off] [--confirm on|off] [--text-height PX] [--preprocess STEPS]';

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    process.stderr.write(`--${name} must be a positive integer\n${USAGE}\n`);
    process.exit(2);
  }
  return Number(raw);
}

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    generated: { type: 'string' },
    'from-report': { type: 'string' },
    seed: { type: 'string', default: '500000' },
    engine: { type: 'string', default: 'tesseract.js' },
    threshold: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'string' },
    concurrency: { type: 'string' },
    reread: { type: 'string', default: 'doubtful' },
    confirm: { type: 'string', default: 'on' },
    mode: { type: 'string', default: 'text' },
    compare: { type: 'string' },
    changes: { type: 'boolean' },
    einvoice: { type: 'boolean' },
    'second-threshold': { type: 'string' },
    'second-page-threshold': { type: 'string' },
    'text-height': { type: 'string' },
    preprocess: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help || (!values.dataset && !values.generated && !values['from-report'])) {
  (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
if (!['tesseract.js', 'tesseract+ppocr', 'tesseract-cli', 'transcript'].includes(values.engine)) {
  process.stderr.write(`--engine must be tesseract.js, tesseract+ppocr, tesseract-cli or transcript (SROIE diagnostic)\n${USAGE}\n`);
  process.exit(2);
}
if (values.mode !== 'text' && values.mode !== 'scan') {
  process.stderr.write(`--mode must be text or scan\n${USAGE}\n`);
  process.exit(2);
}
const textHeight = values['text-height'] === undefined ? undefined : Number(values['text-height']);
if (textHeight !== undefined && !(Number.isFinite(textHeight) && textHeight >= 0)) {
  process.stderr.write(`--text-height must be a number of pixels, 0 for the short side\n${USAGE}\n`);
  process.exit(2);
}
if (!['on', 'off'].includes(values.confirm)) {
  process.stderr.write(`--confirm must be on or off\n${USAGE}\n`);
  process.exit(2);
}
if (!['doubtful', 'always', 'off'].includes(values.reread)) {
  process.stderr.write(`--reread must be doubtful, always or off\n${USAGE}\n`);
  process.exit(2);
}
const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
  process.stderr.write(`--threshold must be a number from 0 to 1\n${USAGE}\n`);
  process.exit(2);
}
const generated = positive('generated', values.generated);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  process.stderr.write(`--seed must be a non-negative integer\n${USAGE}\n`);
  process.exit(2);
}
if (generated !== undefined) process.stderr.write(`generating ${generated} invoices from seed ${seed}...\n`);
const dataset = generated !== undefined ? await writeGeneratedSet(generated, seed) : (values.dataset ?? '');

const fromReport = values['from-report'];
if ((values.compare || values.changes) && !fromReport) {
  process.stderr.write(`--compare and --changes need --from-report\n${USAGE}\n`);
  process.exit(2);
}
const readReport = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as EvaluationReport;
if (fromReport && values.compare) {
  // Both reports as saved: what differs between two readings, or two extractions of one reading.
  console.log(formatComparison(compareReports((await readReport(fromReport)).documents, (await readReport(values.compare)).documents)));
  process.exit(0);
}
const saved = fromReport ? await readReport(fromReport) : null;
const report = saved
  ? rescoreReport(saved, threshold)
  : await runEvaluation({
      dataset,
      engine: values.engine as EngineName,
      mode: values.mode,
      threshold,
      secondThreshold: values['second-threshold'] === undefined ? undefined : Number(values['second-threshold']),
      secondPageThreshold: values['second-page-threshold'] === undefined ? undefined : Number(values['second-page-threshold']),
      limit: positive('limit', values.limit),
      einvoice: values.einvoice,
      concurrency: positive('concurrency', values.concurrency),
      textHeight,
      ...(values.preprocess === undefined ? {} : { ocrOptions: { preprocessing: parseStepList(values.preprocess) } }),
      reread: values.reread === 'off' ? false : values.reread === 'always' ? 'always' : true,
      confirm: values.confirm === 'on',
      onDocument: (done, total, r) =>
        process.stderr.write(
          `[${done}/${total}] ${r.id} ${
            r.error
              ? `failed: ${r.error}`
              : `${r.reasons?.length ? 'review' : 'done'}, wrong: ${
                  r.fields
                    .filter((f) => f.outcome === 'wrong')
                    .map((f) => f.field)
                    .join(',') || '-'
                }`
          }\n`,
        ),
    });
for (const s of report.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
console.log(
  formatSummary(
    report.summary,
    `${report.dataset}${report.mode ? `, ${report.mode} mode` : ''}${report.einvoice ? ', with the embedded e-invoice XML' : ''}`,
  ),
);
console.log();
if (report.format === 'einvoice')
  console.log(
    `Deduplicated: one document per visualGroup (identical page text); ${report.skipped.filter((s) => s.reason.includes('visualGroup')).length} duplicates not scored.\n`,
  );
for (const grouping of report.groups ?? []) console.log(`${formatGrouping(grouping)}\n`);
console.log(
  JSON.stringify(
    {
      dataset: generated !== undefined ? `generated ${generated} from seed ${seed}` : report.dataset,
      engine: report.engine,
      engineStartSeconds: report.engineStartSeconds,
      cpuSecondsPerPage: report.cpuSecondsPerPage,
      meanSecondMs: report.meanSecondMs,
      ...report.summary,
    },
    null,
    2,
  ),
);
if (saved && values.changes)
  console.log(
    `\nChanges from the saved extraction to the current one:\n${formatComparison(compareReports(saved.documents, report.documents))}`,
  );
if (values.json) {
  await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`full report written to ${values.json}\n`);
}
if (generated !== undefined) await rm(dataset, { recursive: true, force: true });
