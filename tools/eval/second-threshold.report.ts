/**
 * npm run eval:second-threshold -- --reference TESSERACT.json --run 75=PP75.json --run 85=PP85.json … [--cpu-budget 2]
 *
 * Chooses the PP-OCR reread threshold on one half of the SROIE shops and reports it on the other half
 * (`second-threshold.choice.ts`), from saved reports of `npm run eval -- --dataset … --json FILE`: the reference read
 * by tesseract alone, each run by `--engine tesseract+ppocr --second-threshold T`, all in the same conditions.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EvaluationReport } from './evaluate.js';
import { chooseByFold, foldFigures, type ThresholdRun } from './second-threshold.choice.js';

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    run: { type: 'string', multiple: true, default: [] },
    'cpu-budget': { type: 'string', default: '2' },
  },
});
if (!values.reference || values.run.length === 0) throw new Error('usage: --reference FILE --run T=FILE [--run T=FILE …] [--cpu-budget 2]');

async function load(file: string, threshold: number | null): Promise<ThresholdRun> {
  const report = JSON.parse(await readFile(file, 'utf8')) as EvaluationReport;
  if (report.format !== 'sroie') throw new Error(`${file}: a SROIE report is needed (the shops are the folds), got ${report.format}`);
  if (report.cpuSecondsPerPage === undefined) throw new Error(`${file}: no CPU time per page in the report`);
  return {
    threshold,
    cpuSecondsPerPage: report.cpuSecondsPerPage,
    documents: report.documents.map((d) => ({
      id: d.id,
      shop: d.source.format === 'sroie' ? d.source.truth.company : d.id,
      cer: d.cerCaseFree ?? null,
      fieldsRight: d.fields.filter((f) => f.outcome === 'correct').length,
      fields: d.fields.filter((f) => f.outcome !== 'label_unusable').length,
    })),
  };
}

const reference = await load(values.reference, null);
const runs = await Promise.all(
  values.run.map((spec) => {
    const [t, file] = spec.split('=');
    const threshold = Number(t);
    if (!file || !(threshold >= 0 && threshold <= 100)) throw new Error(`--run ${spec}: expected THRESHOLD=FILE`);
    return load(file, threshold);
  }),
);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const name = (t: number | null): string => (t === null ? 'tesseract alone' : `reread under ${t}`);
console.log('| run | CPU s/page | ratio | case-free CER fold 0 | fold 1 | fields right fold 0 | fold 1 |');
console.log('|---|---|---|---|---|---|---|');
for (const run of [reference, ...runs]) {
  const [f0, f1] = [foldFigures(run, 0), foldFigures(run, 1)];
  console.log(
    `| ${name(run.threshold)} | ${run.cpuSecondsPerPage.toFixed(2)} | ${(run.cpuSecondsPerPage / reference.cpuSecondsPerPage).toFixed(2)} | ${pct(f0.cer)} | ${pct(f1.cer)} | ${f0.fieldsRight}/${f0.fields} | ${f1.fieldsRight}/${f1.fields} |`,
  );
}
const budget = Number(values['cpu-budget']);
console.log(`\nChosen on one fold (CPU at most ${budget}x tesseract alone), reported on the other:`);
for (const c of chooseByFold(reference, runs, budget))
  console.log(
    `  chosen on fold ${c.chosenOn} (${c.chosen.documents} receipts): ${name(c.threshold)}, CPU ${c.cpuRatio.toFixed(2)}x; ` +
      `fold ${c.reportedOn} (${c.reported.documents} receipts): case-free CER ${pct(c.reported.cer)} (tesseract alone ${pct(c.reference.cer)}), ` +
      `fields right ${c.reported.fieldsRight}/${c.reported.fields} (${c.reference.fieldsRight}/${c.reference.fields})`,
  );
