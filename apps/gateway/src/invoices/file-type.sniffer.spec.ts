import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('accepts CII and UBL e-invoices, sniffed by their content (not their name)', async () => {
    const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../../libs/einvoice/src/__fixtures__');
    for (const name of ['factur-x-en16931.xml', 'peppol-ubl-invoice.xml']) {
      expect(await sniffFileType(readFileSync(join(fixtures, name)))).toEqual({ ok: true, mimeType: 'application/xml' });
    }
  });

  it('refuses other XML, and hostile or malformed XML with the reason', async () => {
    expect(await sniffFileType(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
      ok: false,
      reason: expect.stringContaining('root element svg is not a CII'),
    });
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(await sniffFileType(Buffer.from(xxe))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^E-invoice XML refused: XML with a DOCTYPE/),
    });
    expect(
      await sniffFileType(Buffer.from('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID>1</Invoice>')),
    ).toEqual({ ok: false, reason: expect.stringContaining('not well-formed') });
  });
});
