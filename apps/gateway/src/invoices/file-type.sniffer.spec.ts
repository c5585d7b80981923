import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { sniffFileType } from './file-type.sniffer.js';

const image = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } });

describe('sniffFileType', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['tiff', 'image/tiff'],
    ['webp', 'image/webp'],
  ] as const)('recognizes %s from its bytes', async (format, mime) => {
    const bytes = await image().toFormat(format).toBuffer();
    expect(await sniffFileType(bytes)).toEqual({ ok: true, mimeType: mime });
  });

  it('recognizes a PDF', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    expect(await sniffFileType(pdf)).toEqual({ ok: true, mimeType: 'application/pdf' });
  });

  it('rejects text and known-but-unsupported types with a reason', async () => {
    const text = await sniffFileType(Buffer.from('hello, this is not an invoice'));
    expect(text).toEqual({ ok: false, reason: expect.stringContaining('unknown type') });
    const gif = await sniffFileType(await image().gif().toBuffer());
    expect(gif).toEqual({ ok: false, reason: expect.stringContaining('image/gif') });
  });
});
