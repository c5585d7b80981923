/**
 * Trains the header-field scorer of `@invoice/extraction` and writes `libs/extraction/src/scoring/scorer.model.ts`.
 *   npm run train:extraction            # cross-validated figures by group, calibration, thresholds, upload streams with templates, final model
 *   npm run train:extraction -- --dry   # figures only, the model file untouched
 *   npm run train:extraction -- --dry --dump /tmp/outcomes.json   # and every held-out decision, to read failures
 *   npm run train:extraction -- --ocr-training      # fitted on the OCR readings too (by default they are only scored)
 *   npm run train:extraction -- --no-transcripts    # without the SROIE line transcripts
 *   npm run train:extraction -- --no-ocr            # without the OCR readings at all (how the committed model is written)
 *   npm run train:extraction -- --no-ocr --check    # exit 1 unless the model written would be the committed file, byte for byte
 * Reads the development data sets from ../shared/datasets (text layers of the PDFs, SROIE line transcripts),
 * generated invoices (text layers, and the committed OCR readings of `npm run record:generated-ocr`, scored and
 * calibrated on, not fitted on: the thresholds of an invoice read by OCR are raised on them), and the OCR readings
 * of saved eval reports in ../cache/readings (`READINGS_DIR`); text readings are cached in ../cache/scorer.
 * Deterministic: same data, same model.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SCORED_FIELDS,
  applyLogistic,
  buildCandidates,
  buildDocument,
  checkAgreement,
  confidenceSignals,
  decodeJointly,
  optionsInDateOrder,
  taxUnread,
  extractByRules,
  fitLogistic,
  trainChoiceModel,
  valueOptions,
  type ChoiceModel,
  type FieldOptions,
  type LogisticCalibration,
  type ScoredField,
  type ScorerModel,
} from '@invoice/extraction';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import { loadTrainingDocs, type TrainingDoc } from './training.data.js';
import { loadGeneratedOcr, loadReadingDocs } from './training.readings.js';
import { foldOf } from './train.folds.js';
import {
  chooseThresholds,
  fieldFloor,
  printCalibration,
  printFigures,
  printTally,
  reportThresholds,
  tallyDone,
  type DoneTally,
  type Outcome,
} from './train.report.js';
import { prepareDoc, type PreparedDoc } from './train.prepare.js';
import { printStream, runStream, type StreamDoc } from './train.stream.js';

const FOLDS = 5;
/** An invoice field's own values at or over its threshold are wrong at most this often (train.report.ts fieldFloor). */
const MAX_FIELD_WRONG = 0.05;
const TRAIN = { l2: 0.02, epochs: 250, learningRate: 0.05 };
const READINGS_DIR = process.env['READINGS_DIR'] ?? path.resolve('../cache/readings');
const READING_FILES = ['einvoice-scan.json', 'invoices-dev-scan.json', 'sroie-dev.json', 'sroie-train.json'];

function trainFields(all: readonly PreparedDoc[]): Record<ScoredField, ChoiceModel> {
  const docs = process.argv.includes('--ocr-training') ? all : all.filter((d) => d.reading !== 'ocr');
  const models = {} as Record<ScoredField, ChoiceModel>;
  for (const field of SCORED_FIELDS) {
    const examples = docs
      .filter((d) => d.labelled.has(field))
      .flatMap((d) => {
        const right = d.candidates[field].map((c) => d.isRight(field, c.value));
        // A value printed but never found among the candidates teaches nothing about choosing.
        return right.some(Boolean) ? [{ features: d.candidates[field].map((c) => c.features), right }] : [];
      });
    models[field] = trainChoiceModel(examples, TRAIN);
  }
  return models;
}

/** The amounts that subtotal + tax = total checks. */
const AMOUNTS: ReadonlySet<ScoredField> = new Set(['subtotal', 'taxAmount', 'total']);

function decide(doc: PreparedDoc, models: Record<ScoredField, ChoiceModel>): Outcome[] {
  const optionsOf = (candidates: PreparedDoc['candidates']): FieldOptions => {
    const out = {} as FieldOptions;
    for (const field of SCORED_FIELDS) out[field] = valueOptions(models[field], candidates[field]);
    return out;
  };
  const monthFirst = doc.monthFirstCandidates;
  const options = optionsInDateOrder(optionsOf(doc.candidates), monthFirst ? () => optionsOf(monthFirst) : null);
  const chosen = decodeJointly(options);
  const amount = (f: ScoredField): number | null => (typeof chosen[f].value === 'number' ? chosen[f].value : null);
  // As the product's checks: SROIE's documents are receipts.
  const kind = doc.dataset === 'sroie' ? 'receipt' : 'invoice';
  return SCORED_FIELDS.filter((f) => doc.labelled.has(f)).map((field) => ({
    id: doc.id,
    dataset: `${doc.dataset} (${doc.reading})`,
    group: doc.group,
    field,
    value: chosen[field].value,
    probability: chosen[field].probability,
    signals: confidenceSignals(field, options, chosen, doc.prior),
    checkFailed:
      checkAgreement(field, chosen) < 0 ||
      (AMOUNTS.has(field) && taxUnread(amount('subtotal'), amount('taxAmount'), amount('total'), kind)),
    checkPassed: AMOUNTS.has(field) && checkAgreement(field, chosen) > 0,
    confidence: 0,
    right: doc.isRight(field, chosen[field].value),
    ruleRight: doc.isRight(field, doc.prior[field] ?? null),
    truth: doc.truth[field],
  }));
}

function crossValidate(docs: readonly PreparedDoc[]): Outcome[] {
  const out: Outcome[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const models = trainFields(docs.filter((d) => foldOf(d.group, FOLDS) !== fold));
    for (const doc of docs.filter((d) => foldOf(d.group, FOLDS) === fold)) out.push(...decide(doc, models));
    process.stderr.write(`fold ${fold + 1}/${FOLDS} done\n`);
  }
  return out;
}

/** Each field's confidence calibration, fitted on the held-out decisions. */
function fitCalibrations(outcomes: readonly Outcome[]): Record<ScoredField, LogisticCalibration> {
  const out = {} as Record<ScoredField, LogisticCalibration>;
  for (const field of SCORED_FIELDS)
    out[field] = fitLogistic(outcomes.filter((o) => o.field === field).map((o) => ({ x: o.signals, right: o.right })));
  return out;
}

/** Every held-out decision's confidence from a calibration fitted without its fold (so the thresholds are chosen on unseen confidences). */
function calibrateOutOfFold(outcomes: Outcome[]): void {
  for (let fold = 0; fold < FOLDS; fold++) {
    const calibration = fitCalibrations(outcomes.filter((o) => foldOf(o.group, FOLDS) !== fold));
    for (const o of outcomes.filter((x) => foldOf(x.group, FOLDS) === fold)) o.confidence = applyLogistic(calibration[o.field], o.signals);
  }
}

/**
 * The thresholds of an invoice read by OCR: each field's text-layer threshold, raised where the field's values on
 * the generated invoices' OCR readings are wrong more often than `MAX_FIELD_WRONG` at or over it (a misread digit, a
 * number cut in two, a logo nobody can read: the scorer sees none of these on a text layer).
 */
function ocrThresholds(text: Record<ScoredField, number>, ocrRows: readonly Outcome[]): Record<ScoredField, number> {
  const floor = (f: ScoredField): number => Math.ceil(fieldFloor(ocrRows, f, MAX_FIELD_WRONG) * 1e3) / 1e3;
  return Object.fromEntries(SCORED_FIELDS.map((f) => [f, Math.max(text[f], floor(f))])) as Record<ScoredField, number>;
}

/** For each fold, the thresholds chosen on the other folds' decisions. */
function foldThresholds(outcomes: readonly Outcome[], maxWrong: number, maxFieldWrong?: number): Record<ScoredField, number>[] {
  return Array.from({ length: FOLDS }, (_, fold) =>
    chooseThresholds(
      outcomes.filter((o) => foldOf(o.group, FOLDS) !== fold),
      maxWrong,
      undefined,
      0,
      maxFieldWrong,
    ),
  );
}

/** The done shares when each fold is decided by thresholds chosen on the other folds (the thresholds' own held-out figure). */
function thresholdsOutOfFold(outcomes: readonly Outcome[], thresholds: readonly Record<ScoredField, number>[]): DoneTally {
  const tally: DoneTally = new Map();
  for (let fold = 0; fold < FOLDS; fold++)
    tallyDone(
      outcomes.filter((o) => foldOf(o.group, FOLDS) === fold),
      thresholds[fold]!,
      tally,
    );
  return tally;
}

/**
 * Each invoice data set as one organization's upload stream (in id order), decided by the scorer of the document's
 * held-out fold and thresholds chosen without that fold, with the vendor templates that reviewed documents teach.
 */
function printStreams(
  prepared: readonly PreparedDoc[],
  invoiceTexts: readonly Outcome[],
  thresholds: readonly Record<ScoredField, number>[],
): void {
  const ids = new Set(invoiceTexts.map((o) => o.id));
  const docs: StreamDoc[] = prepared
    .filter((d) => ids.has(d.id))
    .sort((a, b) => a.dataset.localeCompare(b.dataset) || a.id.localeCompare(b.id))
    .map((d) => ({
      id: d.id,
      dataset: `${d.dataset} (${d.reading})`,
      group: d.group,
      words: d.words,
      truth: Object.fromEntries([...d.labelled].map((f) => [f, d.truth[f]])),
      isRight: d.isRight,
    }));
  const datasets = [...new Set(docs.map((d) => d.dataset))];
  for (const reviewNewLayouts of [false, true]) {
    console.log(
      reviewNewLayouts ? '  ... and a layout no template knows goes to a person:' : '  with vendor templates taught by reviewed documents:',
    );
    for (const ds of datasets)
      printStream(
        runStream(
          docs.filter((d) => d.dataset === ds),
          invoiceTexts,
          (d) => ({ fields: thresholds[foldOf(d.group, FOLDS)]!, other: DEFAULT_REVIEW_THRESHOLD }),
          { reviewNewLayouts },
        ),
      );
  }
}

function modelSource(model: ScorerModel): string {
  return [
    "import type { ScorerModel } from './scorer.types.js';",
    '',
    '/** Written by `npm run train:extraction` (tools/train/train-extraction.ts); do not edit by hand. */',
    `export const SCORER_MODEL: ScorerModel = ${JSON.stringify(model)};`,
    '',
  ].join('\n');
}

const isReceipt = (o: Outcome): boolean => o.dataset.startsWith('sroie');

/**
 * The invoice thresholds, chosen on the text layers, and those of an invoice read by OCR; printed with the done
 * shares they give on all folds and fold by fold, and with the upload streams.
 */
function invoiceThresholds(
  outcomes: readonly Outcome[],
  prepared: readonly PreparedDoc[],
): Pick<ScorerModel['thresholds'], 'invoice' | 'invoiceOcr'> {
  const texts = outcomes.filter((o) => !isReceipt(o) && o.dataset.endsWith('(text)'));
  console.log('\nInvoices (text layers): at most 1% of done documents with a wrong field; thresholds chosen on all folds');
  const invoice = chooseThresholds(texts, 0.01, undefined, 0, MAX_FIELD_WRONG);
  reportThresholds(texts, invoice);
  console.log('  each fold decided by thresholds chosen without it:');
  const folds = foldThresholds(texts, 0.01, MAX_FIELD_WRONG);
  printTally(thresholdsOutOfFold(texts, folds));
  printStreams(prepared, texts, folds);
  const generatedOcr = outcomes.filter((o) => o.dataset === 'generated (ocr)');
  console.log("\nInvoices read by OCR: the same, each field raised to its floor on the generated invoices' OCR readings");
  const invoiceOcr = ocrThresholds(invoice, generatedOcr);
  reportThresholds(generatedOcr, invoiceOcr);
  console.log('  each fold decided by thresholds chosen without it:');
  const ocrFolds = folds.map((t, fold) =>
    ocrThresholds(
      t,
      generatedOcr.filter((o) => foldOf(o.group, FOLDS) !== fold),
    ),
  );
  printTally(thresholdsOutOfFold(generatedOcr, ocrFolds));
  return { invoice, invoiceOcr };
}

/** The receipt thresholds (SROIE line transcripts), printed likewise. */
function receiptThresholds(outcomes: readonly Outcome[]): Record<ScoredField, number> {
  const texts = outcomes.filter((o) => isReceipt(o) && o.dataset.endsWith('(text)'));
  console.log('\nReceipts (line transcripts): at most 2%; thresholds chosen on all folds');
  const receipt = chooseThresholds(texts, 0.02);
  reportThresholds(texts, receipt);
  console.log('  each fold decided by thresholds chosen without it:');
  printTally(thresholdsOutOfFold(texts, foldThresholds(texts, 0.02)));
  return receipt;
}

/** The OCR readings held to the thresholds: invoices to a text layer's, then to an OCR reading's; receipts to theirs. */
function printOcrReadings(outcomes: readonly Outcome[], t: ScorerModel['thresholds']): void {
  const invoices = outcomes.filter((o) => !isReceipt(o) && o.dataset.endsWith('(ocr)'));
  console.log("\nThe OCR readings held to the text layers' thresholds, then to those of OCR readings");
  reportThresholds(invoices, t.invoice);
  reportThresholds(invoices, t.invoiceOcr);
  reportThresholds(
    outcomes.filter((o) => isReceipt(o) && o.dataset.endsWith('(ocr)')),
    t.receipt,
  );
}

/** Writes the model, or with --check only says whether the committed file is what would be written. */
async function writeModel(model: ScorerModel): Promise<void> {
  const file = path.resolve('libs/extraction/src/scoring/scorer.model.ts');
  if (process.argv.includes('--check')) {
    const same = (await readFile(file, 'utf8')) === modelSource(model);
    process.stderr.write(
      same
        ? `the committed model ${file} is what the script writes\n`
        : `the committed model ${file} differs from what the script writes\n`,
    );
    process.exitCode = same ? 0 : 1;
    return;
  }
  await writeFile(file, modelSource(model));
  process.stderr.write(`model written to ${file}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--check') && !existsSync(process.env['DATASETS_DIR'] ?? path.resolve('../shared/datasets'))) {
    process.stderr.write('train:extraction --check skipped: no ../shared/datasets (DATASETS_DIR) to train on\n');
    return;
  }
  const text = (await loadTrainingDocs()).filter((d) => !(process.argv.includes('--no-transcripts') && d.dataset === 'sroie'));
  const ocr: TrainingDoc[] = [
    ...(await loadGeneratedOcr()),
    ...(process.argv.includes('--no-ocr') ? [] : await loadReadingDocs(READINGS_DIR, READING_FILES)),
  ];
  const docs = [...text, ...ocr];
  process.stderr.write(`${docs.length} documents read\n`);
  const prepared = docs.map((d) => prepareDoc(d, buildDocument, buildCandidates, extractByRules));
  const outcomes = crossValidate(prepared);
  printFigures(outcomes);
  calibrateOutOfFold(outcomes);
  const dump = process.argv.indexOf('--dump');
  if (dump > 0) await writeFile(process.argv[dump + 1] as string, JSON.stringify(outcomes, null, 1));
  printCalibration(outcomes);
  const thresholds = { ...invoiceThresholds(outcomes, prepared), receipt: receiptThresholds(outcomes) };
  printOcrReadings(outcomes, thresholds);
  const calibration = fitCalibrations(outcomes);
  if (process.argv.includes('--dry')) return;
  const models = trainFields(prepared);
  await writeModel({
    version: 2,
    featureCount: Object.fromEntries(SCORED_FIELDS.map((f) => [f, models[f].weights.length])) as Record<ScoredField, number>,
    fields: Object.fromEntries(SCORED_FIELDS.map((f) => [f, { model: models[f], calibration: calibration[f] }])) as ScorerModel['fields'],
    thresholds,
  });
}

await main();
