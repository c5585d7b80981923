/**
 * Safety net for changes to the extraction: `extractInvoice` over recorded OCR readings of generated invoices
 * (`__fixtures__/generated-ocr.json`, re-recorded with `npm run record:extraction-fixture`), compared with the
 * committed snapshot. A change to the extraction that alters any field, confidence, evidence or issue of
 * these invoices fails here; when the change is meant, `npm run test:unit -- extraction.snapshot -u` updates
 * the snapshot and its diff in review shows exactly what changed.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { extractInvoice } from './invoice.extractor.js';
import { EXTRACTION_FIXTURE_CASES, type RecordedReading } from './__fixtures__/generated-ocr.fixture.js';

const readings = JSON.parse(readFileSync(new URL('./__fixtures__/generated-ocr.json', import.meta.url), 'utf8')) as RecordedReading[];

describe('extractInvoice on recorded readings of generated invoices', () => {
  it('holds one reading per fixture case', () => {
    expect(readings.map((r) => r.name)).toEqual(EXTRACTION_FIXTURE_CASES.map((c) => c.name));
  });

  it.each(readings.map((r) => [r.name, r] as const))('%s', (_name, reading) => {
    expect(extractInvoice(reading.pages)).toMatchSnapshot();
  });
});
