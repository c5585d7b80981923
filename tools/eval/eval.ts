/**
 * npm run eval -- --dataset DIR [--limit N] [--json FILE] [--concurrency 2]
 *
 * Real OCR + real extraction over a labelled folder (generator ground truth or SROIE, detected from the files);
 * prints a table and the summary as JSON; --json writes the full report (summary + every document) to FILE.
 * Methods: tools/eval/README.md.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runEvaluation } from './evaluate.js';
import { formatSummary } from './report.js';

const USAGE = 'usage: npm run eval -- --dataset DIR [--limit N] [--json FILE] [--concurrency N]';

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    process.stderr.write(`--${name} must be a positive integer\n${USAGE}\n`);
    process.exit(2);
  }
  return Number(raw);
}

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, limit: { type: 'string' }, json: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help || !values.dataset) {
  (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}

const report = await runEvaluation({
  dataset: values.dataset,
  limit: positive('limit', values.limit),
  concurrency: positive('concurrency', values.concurrency),
  onDocument: (done, total, r) =>
    process.stderr.write(`[${done}/${total}] ${r.id} ${r.error ? `failed: ${r.error}` : `${r.issues?.length ? 'review' : 'done'}, wrong: ${r.fields.filter((f) => f.outcome === 'wrong').map((f) => f.field).join(',') || '-'}`}\n`),
});
for (const s of report.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
console.log(formatSummary(report.summary, report.dataset));
console.log();
console.log(JSON.stringify({ dataset: report.dataset, engineStartSeconds: report.engineStartSeconds, ...report.summary }, null, 2));
if (values.json) {
  await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`full report written to ${values.json}\n`);
}
