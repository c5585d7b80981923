import { describe, expect, it } from '@jest/globals';
import { parseTesseractTsv } from './tesseract-cli.js';

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t850\t1100\t-1\t',
  '4\t1\t1\t1\t1\t0\t60\t60\t300\t30\t-1\t',
  '5\t1\t1\t1\t1\t1\t60\t60\t120\t30\t96.5\tINVOICE',
  '5\t1\t1\t1\t1\t2\t190\t60\t170\t30\t91\tFAC_2019_0001',
  '5\t1\t1\t1\t2\t1\t60\t100\t40\t16\t88\tTotal',
  '5\t1\t1\t1\t2\t2\t110\t100\t40\t16\t-1\t ',
  '5\t1\t2\t1\t1\t1\t600\t100\t60\t16\t79\t12.50',
].join('\n');

describe('parseTesseractTsv', () => {
  it('keeps level-5 words with text, their boxes and confidences, and joins lines', () => {
    const { words, text } = parseTesseractTsv(TSV);
    expect(words.map((w) => w.text)).toEqual(['INVOICE', 'FAC_2019_0001', 'Total', '12.50']);
    expect(words[1]).toEqual({ text: 'FAC_2019_0001', confidence: 91, bbox: { x0: 190, y0: 60, x1: 360, y1: 90 }, page: 0 });
    expect(text).toBe('INVOICE FAC_2019_0001\nTotal\n12.50');
  });
});
