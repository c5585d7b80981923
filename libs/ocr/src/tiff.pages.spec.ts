import { describe, expect, it } from '@jest/globals';
import { OcrInputError } from './ocr.errors.js';
import { chainedTiff } from './tiff.fixtures.js';
import { assertTiffChainEnds, tiffPageChain } from './tiff.pages.js';

describe('tiffPageChain', () => {
  it('counts the pages of a chain that ends', () => {
    expect(tiffPageChain(chainedTiff(3, 8, 'end'))).toEqual({ pages: 3, loops: false, truncated: false });
  });

  it('finds a chain that loops back to itself or to an earlier page', () => {
    expect(tiffPageChain(chainedTiff(1, 8, 0))).toEqual({ pages: 1, loops: true, truncated: false });
    expect(tiffPageChain(chainedTiff(3, 8, 1))).toEqual({ pages: 3, loops: true, truncated: false });
    expect(() => assertTiffChainEnds(chainedTiff(2, 8, 0))).toThrow(OcrInputError);
    expect(() => assertTiffChainEnds(chainedTiff(2, 8, 0))).toThrow('TIFF is damaged: its chain of pages loops back to an earlier page');
  });

  it('says truncated when a directory lies past the end, and null for other bytes', () => {
    expect(tiffPageChain(chainedTiff(2, 8, 'end').subarray(0, 60))).toMatchObject({ truncated: true });
    expect(tiffPageChain(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBeNull();
    expect(tiffPageChain(Buffer.alloc(3))).toBeNull();
    expect(() => assertTiffChainEnds(Buffer.from('hello world'))).not.toThrow();
  });
});
