/**
 * Every einvoice-dev PDF (../shared/datasets/einvoice-dev, or EVAL_EINVOICE_DIR) read through the worker's
 * e-invoice step, then its XML attachment uploaded alone as a bare XML: every labelled field must be exact (the
 * labels were taken from that XML). Skipped, with a message, when the folder is missing; the same paths are
 * tested on hand-written invoices in libs/einvoice and apps/ocr-worker/src/einvoice.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pickEInvoiceAttachment } from '@invoice/einvoice';
import { readPdfAttachments } from '@invoice/ocr';
import { EInvoiceStep } from '../../apps/ocr-worker/src/einvoice/einvoice.step.js';
import { einvoiceLabelDifferences, type EinvoiceLabel } from './einvoice-labels.js';

const EINVOICE = resolve(process.cwd(), process.env.EVAL_EINVOICE_DIR ?? '../shared/datasets/einvoice-dev');
const suite = existsSync(EINVOICE) ? describe : describe.skip;
if (!existsSync(EINVOICE)) console.warn(`einvoice-dev e-invoice part skipped: ${EINVOICE} is missing (see the datasets README)`);

suite('einvoice-dev read from the embedded XML, and the XML alone', () => {
  const step = new EInvoiceStep({ MAX_PAGES: 50 });
  let ids: string[] = [];

  beforeAll(async () => {
    ids = (await readdir(EINVOICE))
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => f.slice(0, -4))
      .sort();
  });

  const label = async (id: string) =>
    JSON.parse(await readFile(join(EINVOICE, `${id}.json`), 'utf8')) as EinvoiceLabel & { source: { xml_attachment: string } };

  it('reads every labelled field of every PDF exactly, from the attachment the labels came from', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(100);
    const wrong: Record<string, string[]> = {};
    for (const id of ids) {
      const reading = await step.read(await readFile(join(EINVOICE, `${id}.pdf`)), 'application/pdf');
      const truth = await label(id);
      if (reading?.kind !== 'read') {
        wrong[id] = [`no e-invoice read: ${JSON.stringify(reading)}`];
        continue;
      }
      const differences = einvoiceLabelDifferences(truth, reading.extracted);
      if (reading.extracted.einvoice?.attachment !== truth.source.xml_attachment)
        differences.push(`attachment ${reading.extracted.einvoice?.attachment}`);
      if (reading.extracted.fieldEvidence.total?.source !== 'einvoice') differences.push('total not from the e-invoice');
      if (differences.length) wrong[id] = differences;
    }
    expect(wrong).toEqual({});
  }, 300_000);

  it('reads the same XML uploaded alone (a bare CII file) with every labelled field exact', async () => {
    const wrong: Record<string, string[]> = {};
    for (const id of ids) {
      const picked = pickEInvoiceAttachment(await readPdfAttachments(await readFile(join(EINVOICE, `${id}.pdf`)), { maxPages: 50 }));
      if (!picked || 'error' in picked) throw new Error(`${id}: no e-invoice attachment`);
      const reading = await step.read(Buffer.from(picked.xml), 'application/xml');
      if (reading?.kind !== 'read' || !reading.bare) throw new Error(`${id}: the bare XML was not read`);
      const differences = einvoiceLabelDifferences(await label(id), step.combine(reading, null, ''));
      if (differences.length) wrong[id] = differences;
    }
    expect(wrong).toEqual({});
  }, 300_000);
});
