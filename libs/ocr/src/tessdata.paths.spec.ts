import { describe, expect, it } from '@jest/globals';
import os from 'node:os';
import path from 'node:path';
import { defaultTessdataDir, parseLanguages, resolveTraineddata, traineddataFileName } from './tessdata.paths.js';

describe('parseLanguages', () => {
  it('splits on +, trims and removes duplicates', () => {
    expect(parseLanguages('eng+fra')).toEqual(['eng', 'fra']);
    expect(parseLanguages(' fra + eng + fra ')).toEqual(['fra', 'eng']);
    expect(parseLanguages('chi_sim')).toEqual(['chi_sim']);
  });

  it('rejects empty or malformed codes', () => {
    expect(() => parseLanguages('')).toThrow(RangeError);
    expect(() => parseLanguages('eng+')).toThrow(RangeError);
    expect(() => parseLanguages('../etc')).toThrow(RangeError);
    expect(() => parseLanguages('english')).toThrow(RangeError);
  });
});

describe('tessdata paths', () => {
  it('names the gzipped traineddata file', () => {
    expect(traineddataFileName('fra')).toBe('fra.traineddata.gz');
  });

  it('defaults to a per-user folder under the OS temp dir, never the working directory', () => {
    const dir = defaultTessdataDir();
    expect(path.dirname(dir)).toBe(os.tmpdir());
    expect(path.basename(dir)).toMatch(/^invoice-ocr-tessdata-4\.0\.0_best_int-/);
  });

  it('finds the installed best_int models and names a missing package', () => {
    expect(resolveTraineddata('eng')).toMatch(/@tesseract\.js-data[/\\]eng[/\\]4\.0\.0_best_int[/\\]eng\.traineddata\.gz$/);
    expect(() => resolveTraineddata('xyz')).toThrow(/@tesseract\.js-data\/xyz is not installed/);
  });
});
