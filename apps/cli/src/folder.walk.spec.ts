import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { classifyPath, hashFile, sniffMagic, walkFolder } from './folder.walk.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const bytes = (...values: (number | string)[]) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('sniffMagic', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    ['TIFF little-endian', bytes('II', 0x2a, 0, 8, 0, 0, 0), 'image/tiff'],
    ['TIFF big-endian', bytes('MM', 0, 0x2a, 0, 0, 0, 8), 'image/tiff'],
    ['WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['XML', bytes('<?xml versio'), 'application/xml'],
    ['XML with a byte order mark and no declaration', bytes(0xef, 0xbb, 0xbf, ' <Invoice'), 'application/xml'],
  ])('recognizes %s', (_name, head, expected) => {
    expect(sniffMagic(head)).toBe(expected);
  });

  it.each([
    ['text', bytes('hello world, not an image')],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt ')],
    ['GIF', bytes('GIF89a', 1, 0, 1, 0)],
    ['truncated PNG signature', PNG.subarray(0, 4)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, head) => {
    expect(sniffMagic(head)).toBeNull();
  });
});

describe('classifyPath', () => {
  it('keeps supported extensions, whatever their case', () => {
    expect(classifyPath('a/b/scan.PNG')).toEqual({ kind: 'candidate', mimeType: 'image/png' });
    expect(classifyPath('x.jpeg')).toEqual({ kind: 'candidate', mimeType: 'image/jpeg' });
    expect(classifyPath('x.Tif')).toEqual({ kind: 'candidate', mimeType: 'image/tiff' });
    expect(classifyPath('x.webp')).toEqual({ kind: 'candidate', mimeType: 'image/webp' });
    expect(classifyPath('x.pdf')).toEqual({ kind: 'candidate', mimeType: 'application/pdf' });
  });

  it('reports other extensions as unsupported, naming the extension', () => {
    expect(classifyPath('notes.txt')).toEqual({ kind: 'unsupported', reason: expect.stringContaining('".txt"') });
    expect(classifyPath('README')).toEqual({ kind: 'unsupported', reason: expect.stringContaining('(none)') });
  });

  it('ignores hidden files and folders and the CLI own files', () => {
    expect(classifyPath('.invoice-ocr-state.json')).toEqual({ kind: 'ignored' });
    expect(classifyPath('.git/objects/x.png')).toEqual({ kind: 'ignored' });
    expect(classifyPath('sub/.hidden.png')).toEqual({ kind: 'ignored' });
    expect(classifyPath('out/result.csv', new Set(['out/result.csv']))).toEqual({ kind: 'ignored' });
  });
});

describe('walkFolder and hashFile (real files)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cli-walk-'));
    await mkdir(join(root, 'b/deep'), { recursive: true });
    await mkdir(join(root, 'a'));
    await mkdir(join(root, '.cache'));
    await writeFile(join(root, 'b/deep/z.png'), PNG);
    await writeFile(join(root, 'a/y.pdf'), bytes('%PDF-1.4'));
    await writeFile(join(root, 'x.jpg'), bytes(0xff, 0xd8, 0xff));
    await writeFile(join(root, 'notes.txt'), 'hello');
    await writeFile(join(root, '.invoice-ocr-state.json'), '{}');
    await writeFile(join(root, '.cache/hidden.png'), PNG);
    await writeFile(join(root, 'export.csv'), 'a,b');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds supported files recursively in a stable order, reports the unsupported, skips hidden and own files', async () => {
    const result = await walkFolder(root, [join(root, 'export.csv')]);
    expect(result.files.map((f) => f.path)).toEqual(['a/y.pdf', 'b/deep/z.png', 'x.jpg']);
    expect(result.files[1]?.absolutePath).toBe(join(root, 'b/deep/z.png'));
    expect(result.unsupported).toEqual([{ path: 'notes.txt', reason: expect.stringContaining('.txt') }]);
  });

  it('hashes the whole content and sniffs the first bytes in one read', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024, 7)]);
    await writeFile(join(root, 'big.png'), big);
    const result = await hashFile(join(root, 'big.png'));
    expect(result).toEqual({ sha256: createHash('sha256').update(big).digest('hex'), size: big.length, mimeType: 'image/png' });
    expect((await hashFile(join(root, 'notes.txt'))).mimeType).toBeNull();
  });
});
