import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat, loadDataset, parseBoxFile } from './dataset.js';

const generatedTruth = {
  invoiceNumber: 'INV-1',
  issueDate: '2024-01-02',
  issueTime: '10:00:00',
  customerName: 'A',
  customerEmail: null,
  customerAddressLine1: 'B',
  customerAddressLine2: 'C',
  customerId: '00001',
  customerCategory: 'A',
  currency: 'EUR',
  lineItems: [],
  total: 0,
  language: 'en',
};
const sroieLabel = { company: 'SHOP', date: '25/12/2018', address: 'ROAD 1', total: 'RM1.00' };

describe('detectFormat', () => {
  it('recognizes the generator ground truth and SROIE labels from their keys', () => {
    expect(detectFormat(generatedTruth)).toBe('generated');
    expect(detectFormat(sroieLabel)).toBe('sroie');
    expect(detectFormat({ company: 'X' })).toBeNull();
    expect(detectFormat([1])).toBeNull();
    expect(detectFormat(null)).toBeNull();
  });
});

describe('parseBoxFile', () => {
  it('keeps everything after the 8th comma, commas included, and skips malformed lines', () => {
    const text = '94,40,316,40,316,79,94,79,TAN CHAY YEE\r\n23,103,431,103,431,130,23,130,NO.53, JALAN PUTRA 1,\n\nnot a box\n';
    expect(parseBoxFile(text)).toEqual(['TAN CHAY YEE', 'NO.53, JALAN PUTRA 1,']);
  });
});

describe('loadDataset', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-dataset-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads SROIE receipts with their transcripts, sorted, and reports what it skips', async () => {
    await writeFile(join(dir, 'X2.jpg'), 'jpg');
    await writeFile(join(dir, 'X2.json'), JSON.stringify(sroieLabel));
    await writeFile(join(dir, 'X1.jpg'), 'jpg');
    await writeFile(join(dir, 'X1.json'), JSON.stringify(sroieLabel));
    await writeFile(join(dir, 'X1.box.txt'), '1,2,3,4,5,6,7,8,SHOP\n');
    await writeFile(join(dir, 'orphan.json'), JSON.stringify(sroieLabel));
    await writeFile(join(dir, 'other.png'), 'png');
    await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 1 }));
    await writeFile(join(dir, 'manifest.jsonl'), '{}\n');

    const loaded = await loadDataset(dir);
    expect(loaded.format).toBe('sroie');
    expect(loaded.documents.map((d) => [d.id, d.transcript])).toEqual([
      ['X1', ['SHOP']],
      ['X2', null],
    ]);
    expect(loaded.documents[0]!.imagePath).toBe(join(dir, 'X1.jpg'));
    expect(loaded.skipped).toEqual([
      { file: 'orphan.json', reason: 'no image beside it' },
      { file: 'other.json', reason: 'neither a generator ground truth nor a SROIE label' },
    ]);
    expect((await loadDataset(dir, 1)).documents.map((d) => d.id)).toEqual(['X1']);
  });

  it('reads generated invoices (png or jpg) and refuses a folder mixing formats', async () => {
    await writeFile(join(dir, 'invoice_000001.png'), 'png');
    await writeFile(join(dir, 'invoice_000001.json'), JSON.stringify(generatedTruth));
    await writeFile(join(dir, 'invoice_000002.jpg'), 'jpg');
    await writeFile(join(dir, 'invoice_000002.json'), JSON.stringify(generatedTruth));
    const loaded = await loadDataset(dir);
    expect(loaded.format).toBe('generated');
    expect(loaded.documents.map((d) => d.imagePath)).toEqual([join(dir, 'invoice_000001.png'), join(dir, 'invoice_000002.jpg')]);

    await writeFile(join(dir, 'X1.jpg'), 'jpg');
    await writeFile(join(dir, 'X1.json'), JSON.stringify(sroieLabel));
    await expect(loadDataset(dir)).rejects.toThrow('mixes formats');
  });

  it('refuses a folder without labelled documents', async () => {
    await expect(loadDataset(dir)).rejects.toThrow('no labelled document');
  });
});
