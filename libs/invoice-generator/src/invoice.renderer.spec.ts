import { describe, expect, it } from '@jest/globals';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { generateInvoice, printedTruth } from './invoice.generator.js';
import { generateInvoiceData } from './invoice.data.js';
import { qrPayload } from './invoice.format.js';
import { renderInvoice } from './invoice.renderer.js';
import { buildInvoiceSvg } from './invoice.svg.js';
import { deriveVariation } from './invoice.variation.js';

// jsqr is CommonJS with a `default` property; take whichever shape the loader hands us.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

async function decodeQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return (
    jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height, { inversionAttempts: 'dontInvert' })
      ?.data ?? null
  );
}

describe('renderInvoice', () => {
  it('renders an 850x1100 PNG whose QR code decodes to the exact payload', async () => {
    const { truth, image, mimeType } = await generateInvoice(7, { language: 'en', withEmail: true });
    expect(mimeType).toBe('image/png');
    const meta = await sharp(image).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 850, 1100]);
    expect(await decodeQr(image)).toBe(qrPayload(truth));
  });

  it('renders a JPEG (French, rotated) whose QR code still decodes', async () => {
    const truth = generateInvoiceData(11, { language: 'fr' });
    const image = await renderInvoice(truth, {
      format: 'jpeg',
      seed: 11,
      variation: { rotationDeg: -1, jpegQuality: 70, noise: 10, noiseMode: 'full' },
    });
    const meta = await sharp(image).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 850, 1100]);
    expect(await decodeQr(image)).toBe(qrPayload(truth));
  });

  it('is deterministic: the same seed gives the same bytes', async () => {
    const a = await generateInvoice(5, { format: 'png', language: 'fr' });
    const b = await generateInvoice(5, { format: 'png', language: 'fr' });
    expect(a.image.equals(b.image)).toBe(true);
    const c = await generateInvoice(5, { format: 'jpeg' });
    const d = await generateInvoice(5, { format: 'jpeg' });
    expect(c.image.equals(d.image)).toBe(true);
  });

  it('derives the variation from the seed within the documented ranges', () => {
    for (let seed = 0; seed < 50; seed++) {
      const v = deriveVariation(seed);
      expect(Math.abs(v.rotationDeg)).toBeLessThanOrEqual(1);
      expect(v.jpegQuality).toBeGreaterThanOrEqual(70);
      expect(v.jpegQuality).toBeLessThanOrEqual(95);
      expect(['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed']).toContain(v.fontFamily);
    }
  });
});

describe('buildInvoiceSvg', () => {
  it('prints the labels and values of the layout, escaping XML', () => {
    const truth = generateInvoiceData(3, { language: 'fr', withEmail: true });
    const svg = buildInvoiceSvg(truth, { ...deriveVariation(3), companyName: 'Orchard & Co <x>' });
    expect(svg).toContain(`FACTURE ${truth.invoiceNumber}`);
    expect(svg).toContain(`Date d&apos;émission ${truth.issueDate} ${truth.issueTime}`);
    expect(svg).toContain(`Facturé à ${truth.customerName}`);
    expect(svg).toContain(`Courriel ${truth.customerEmail}`);
    expect(svg).toContain('Orchard &amp; Co &lt;x&gt;');
    expect(svg).not.toContain('Orchard & Co');
    expect(svg).toMatch(/TOTAL {3}\d+,\d\d Euro/);
    expect((svg.match(/ x +\d+,\d\d Euro/g) ?? []).length).toBe(truth.lineItems.length);
  });
});

describe('printedTruth', () => {
  it("names the classic layout's vendor by its logo's company name, and keeps a vendor a layout prints", () => {
    const classic = generateInvoiceData(3, { layout: 'classic' });
    expect(classic.vendorName ?? null).toBeNull();
    expect(printedTruth(classic, { companyName: 'Orchard & Co' }).vendorName).toBe('Orchard & Co');
    const modern = generateInvoiceData(3, { layout: 'modern' });
    expect(printedTruth(modern, { companyName: 'Orchard & Co' }).vendorName).toBe(modern.vendorName);
  });
});
