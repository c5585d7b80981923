#!/usr/bin/env node
/**
 * Writes synthetic invoices: `<name>.png|jpg` and `<name>.json` (ground truth) per seed.
 * Build first (`npm run build`), then:
 *   node libs/invoice-generator/dist/cli.js --out DIR --count N --seed S [--format png|jpeg|pdf|pdf-text] [--lang en|fr|mixed] [--email yes|no|mixed] [--layout classic|modern|compact|mixed]
 * Harder renderings (all off by default): --rotate DEG (-5..5, whole page) --dpi N (page resolution, 100 by default)
 * --quality Q (JPEG quality) --blur SIGMA --lighting S (0..0.8) --noise N (grey noise on every pixel). pdf: the
 * rendered image in a PDF (a scan); pdf-text: a PDF with a real text layer (from invoicing software).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateInvoice } from './invoice.generator.js';
import { generateInvoiceData } from './invoice.data.js';
import type { Degradation } from './invoice.degrade.js';
import { renderInvoicePdf } from './invoice.renderer.js';
import { EINVOICE_SYNTAXES, toEInvoiceXml } from './invoice.einvoice.js';
import { createRng } from './prng.js';
import { INVOICE_LAYOUTS, mixedLayout, type ImageFormat, type InvoiceLanguage } from './invoice.types.js';

const USAGE =
  'usage: node libs/invoice-generator/dist/cli.js --out DIR --count N --seed S [--format png|jpeg|pdf|pdf-text] [--lang en|fr|mixed] [--email yes|no|mixed] [--layout classic|modern|compact|mixed] [--einvoice ubl|cii]\n' +
  '       [--rotate DEG] [--dpi N] [--quality Q] [--blur SIGMA] [--lighting S] [--noise N]';

function decimal(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) fail(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) fail(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function integer(name: string, value: string, min: number): number {
  if (!/^-?\d+$/.test(value) || Number(value) < min) fail(`--${name} must be an integer >= ${min}`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      count: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'png' },
      lang: { type: 'string', default: 'en' },
      email: { type: 'string', default: 'mixed' },
      rotate: { type: 'string' },
      dpi: { type: 'string' },
      quality: { type: 'string' },
      blur: { type: 'string' },
      lighting: { type: 'string' },
      noise: { type: 'string' },
      layout: { type: 'string', default: 'classic' },
      einvoice: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.out) fail('--out is required');
  const count = integer('count', values.count, 1);
  const firstSeed = integer('seed', values.seed, 0);
  const output = oneOf('format', values.format, ['png', 'jpeg', 'pdf', 'pdf-text'] as const);
  const quality = decimal('quality', values.quality, 1, 100);
  const noise = decimal('noise', values.noise, 0, 60);
  // A scanned PDF embeds JPEG when a quality is asked for, else PNG.
  const format: ImageFormat = output === 'jpeg' || (output === 'pdf' && quality !== undefined) ? 'jpeg' : 'png';
  const degrade: Degradation = {
    rotationDeg: decimal('rotate', values.rotate, -5, 5),
    dpi: decimal('dpi', values.dpi, 50, 600),
    blurSigma: decimal('blur', values.blur, 0, 10),
    lighting: decimal('lighting', values.lighting, 0, 0.8),
  };
  const variation = {
    ...(quality !== undefined && { jpegQuality: Math.round(quality) }),
    ...(noise !== undefined && { noise: Math.round(noise), noiseMode: 'full' as const }),
  };
  const lang = oneOf('lang', values.lang, ['en', 'fr', 'mixed'] as const);
  const email = oneOf('email', values.email, ['yes', 'no', 'mixed'] as const);
  const layoutOption = oneOf('layout', values.layout, [...INVOICE_LAYOUTS, 'mixed'] as const);
  // The same invoice as an e-invoice XML beside the image (UBL or CII): `<name>.xml`.
  const einvoice = values.einvoice === undefined ? null : oneOf('einvoice', values.einvoice, EINVOICE_SYNTAXES);

  await mkdir(values.out, { recursive: true });
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    // "mixed" choices come from their own stream so they do not change the invoice data for a seed.
    const choice = createRng(seed ^ 0x3c6ef372);
    const language: InvoiceLanguage = lang === 'mixed' ? (choice.bool() ? 'fr' : 'en') : lang;
    const withEmail = email === 'mixed' ? choice.bool() : email === 'yes';
    const layout = layoutOption === 'mixed' ? mixedLayout(seed) : layoutOption;
    const name = `invoice_${String(seed).padStart(6, '0')}`;
    let truth;
    if (output === 'pdf' || output === 'pdf-text') {
      truth = generateInvoiceData(seed, { language, withEmail, layout });
      const pdf = await renderInvoicePdf(truth, { pdf: output === 'pdf-text' ? 'text' : 'image', format, seed, variation, degrade });
      await writeFile(join(values.out, `${name}.pdf`), pdf);
    } else {
      const generated = await generateInvoice(seed, { language, withEmail, format, layout, variation, degrade });
      truth = generated.truth;
      await writeFile(join(values.out, `${name}.${format === 'jpeg' ? 'jpg' : 'png'}`), generated.image);
    }
    await writeFile(join(values.out, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
    if (einvoice) await writeFile(join(values.out, `${name}.xml`), toEInvoiceXml(truth, einvoice));
    process.stdout.write(`${name} ${truth.invoiceNumber} ${language}${withEmail ? ' email' : ''}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
