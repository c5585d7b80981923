import { OcrInputError } from './ocr.errors.js';

/**
 * Walks a TIFF's chain of page directories (IFDs) from the header, reading only offsets: how many pages it
 * links and whether the chain loops back to a directory already seen (a crafted or damaged file that would
 * otherwise make a reader go round forever or fail with a decoder's internal message). Classic TIFF and
 * BigTIFF, either byte order. `null` when the bytes are not a TIFF.
 */
export function tiffPageChain(bytes: Buffer, maxPages = 10_000): { pages: number; loops: boolean; truncated: boolean } | null {
  if (bytes.length < 8) return null;
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const u64 = (at: number) => Number(le ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at));
  const magic = u16(2);
  if (magic !== 42 && magic !== 43) return null;
  const big = magic === 43;
  if (big && bytes.length < 16) return { pages: 0, loops: false, truncated: true };
  let offset = big ? u64(8) : u32(4);
  const seen = new Set<number>();
  while (offset !== 0) {
    if (seen.has(offset)) return { pages: seen.size, loops: true, truncated: false };
    const countSize = big ? 8 : 2;
    if (offset + countSize > bytes.length) return { pages: seen.size, loops: false, truncated: true };
    seen.add(offset);
    if (seen.size > maxPages) return { pages: seen.size, loops: false, truncated: false };
    const entries = big ? u64(offset) : u16(offset);
    const next = offset + countSize + entries * (big ? 20 : 12);
    if (next + (big ? 8 : 4) > bytes.length) return { pages: seen.size, loops: false, truncated: true };
    offset = big ? u64(next) : u32(next);
  }
  return { pages: seen.size, loops: false, truncated: false };
}

/** Refuses, with a readable OcrInputError, a TIFF whose page chain loops. Other bytes pass. */
export function assertTiffChainEnds(bytes: Buffer): void {
  if (tiffPageChain(bytes)?.loops) {
    throw new OcrInputError('UNSUPPORTED_IMAGE', 'TIFF is damaged: its chain of pages loops back to an earlier page');
  }
}
