/**
 * The generated invoices whose OCR reading `generated-ocr.json` holds (recorded by
 * `npm run record:extraction-fixture`): the three layouts, both languages, PNG and JPEG, with and without
 * email, tax line and item rereads.
 */
import type { OcrPageResult } from '@invoice/contracts';

export interface FixtureCase {
  name: string;
  seed: number;
  /** GenerateInvoiceOptions of `@invoice/invoice-generator` (kept as plain data: the extraction does not depend on the generator). */
  options: {
    language: 'en' | 'fr';
    withEmail?: boolean;
    withTax?: boolean;
    layout: 'classic' | 'modern' | 'compact';
    format: 'png' | 'jpeg';
  };
  /** Reread the item columns even when the first reading holds up. */
  rereadAlways?: boolean;
}

export interface RecordedReading {
  name: string;
  seed: number;
  options: FixtureCase['options'];
  pages: OcrPageResult[];
}

export const EXTRACTION_FIXTURE_CASES: readonly FixtureCase[] = [
  { name: 'classic-en-png', seed: 910001, options: { language: 'en', layout: 'classic', format: 'png' } },
  { name: 'classic-fr-jpeg-email', seed: 910002, options: { language: 'fr', withEmail: true, layout: 'classic', format: 'jpeg' } },
  { name: 'modern-en-tax', seed: 910003, options: { language: 'en', withTax: true, layout: 'modern', format: 'png' } },
  {
    name: 'modern-fr-email-reread',
    seed: 910004,
    options: { language: 'fr', withEmail: true, layout: 'modern', format: 'png' },
    rereadAlways: true,
  },
  {
    name: 'compact-en-email-tax',
    seed: 910005,
    options: { language: 'en', withEmail: true, withTax: true, layout: 'compact', format: 'jpeg' },
  },
  { name: 'compact-fr', seed: 910006, options: { language: 'fr', layout: 'compact', format: 'png' } },
];
