#!/usr/bin/env node
/**
 * Writes synthetic invoices: `<name>.png|jpg` and `<name>.json` (ground truth) per seed.
 * Build first (`npm run build`), then:
 *   node libs/invoice-generator/dist/cli.js --out DIR --count N --seed S [--format png|jpeg] [--lang en|fr|mixed] [--email yes|no|mixed] [--layout classic|modern|compact|mixed]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateInvoice } from './invoice.generator.js';
import { createRng } from './prng.js';
import { INVOICE_LAYOUTS, mixedLayout, type ImageFormat, type InvoiceLanguage } from './invoice.types.js';

const USAGE =
  'usage: node libs/invoice-generator/dist/cli.js --out DIR --count N --seed S [--format png|jpeg] [--lang en|fr|mixed] [--email yes|no|mixed] [--layout classic|modern|compact|mixed]';

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
      layout: { type: 'string', default: 'classic' },
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
  const format = oneOf<ImageFormat>('format', values.format, ['png', 'jpeg']);
  const lang = oneOf('lang', values.lang, ['en', 'fr', 'mixed'] as const);
  const email = oneOf('email', values.email, ['yes', 'no', 'mixed'] as const);
  const layoutOption = oneOf('layout', values.layout, [...INVOICE_LAYOUTS, 'mixed'] as const);

  await mkdir(values.out, { recursive: true });
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    // "mixed" choices come from their own stream so they do not change the invoice data for a seed.
    const choice = createRng(seed ^ 0x3c6ef372);
    const language: InvoiceLanguage = lang === 'mixed' ? (choice.bool() ? 'fr' : 'en') : lang;
    const withEmail = email === 'mixed' ? choice.bool() : email === 'yes';
    const layout = layoutOption === 'mixed' ? mixedLayout(seed) : layoutOption;
    const { truth, image } = await generateInvoice(seed, { language, withEmail, format, layout });
    const name = `invoice_${String(seed).padStart(6, '0')}`;
    await writeFile(join(values.out, `${name}.${format === 'jpeg' ? 'jpg' : 'png'}`), image);
    await writeFile(join(values.out, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
    process.stdout.write(`${name} ${truth.invoiceNumber} ${language}${withEmail ? ' email' : ''}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
