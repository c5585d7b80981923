import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gatewayEnvSchema, segmentationEnvSchema, workerEnvSchema } from '@invoice/config';
import { z } from 'zod';
import { acceptedValues, CONFIG_REFERENCE_PATH, describeEnvSchema, renderConfigReference } from './config-reference.generator.js';

const root = new URL('../../', import.meta.url);

describe('configuration reference', () => {
  it('docs/configuration.md is what the generator writes (run `npm run docs:config` after changing an env schema)', () => {
    const onDisk = readFileSync(new URL(CONFIG_REFERENCE_PATH, root), 'utf8');
    expect(onDisk).toBe(renderConfigReference());
  });

  it.each([
    ['gateway', gatewayEnvSchema],
    ['worker', workerEnvSchema],
    ['segmentation', segmentationEnvSchema],
  ])('every %s variable carries a description in its schema', (_name, schema) => {
    const undescribed = describeEnvSchema(schema)
      .filter((variable) => !variable.description?.trim())
      .map((variable) => variable.name);
    expect(undescribed).toEqual([]);
  });

  it('names no machine-specific default', () => {
    const concurrency = describeEnvSchema(workerEnvSchema).find((variable) => variable.name === 'OCR_CONCURRENCY');
    expect(concurrency?.defaultText).toBe('the number of cores');
    const secret = describeEnvSchema(gatewayEnvSchema).find((variable) => variable.name === 'JWT_SECRET');
    expect(secret?.defaultText).toBe('a development secret');
    expect(renderConfigReference()).not.toContain('dev-only-jwt-secret');
  });

  it('marks the development defaults and shows an unset optional variable', () => {
    const byName = new Map(describeEnvSchema(workerEnvSchema).map((variable) => [variable.name, variable]));
    expect(byName.get('DATABASE_URL')?.defaultText).toBe('`postgres://postgres@127.0.0.1:5432/invoice_ocr` (development default)');
    expect(byName.get('OCR_PREPROCESS')?.defaultText).toBe('empty');
    expect(byName.get('MAX_PAGES')?.defaultText).toBe('`50`');
  });

  it('reads the accepted values from the schema', () => {
    expect(acceptedValues(z.coerce.number().int().min(1).max(20).default(3), 3)).toBe('integer, 1..20');
    expect(acceptedValues(z.coerce.number().int().min(10).default(10), 10)).toBe('integer, at least 10');
    expect(acceptedValues(z.coerce.number().min(0).max(1).default(0.5), 0.5)).toBe('number, 0..1');
    expect(acceptedValues(z.enum(['a', 'b']).default('a'), 'a')).toBe('`a`, `b`');
    expect(acceptedValues(z.url().default('redis://x'), 'redis://x')).toBe('URL');
    expect(acceptedValues(z.stringbool().default(true), true)).toContain('boolean');
    expect(acceptedValues(z.string().min(32).default('x'.repeat(32)), 'x')).toBe('text, at least 32 characters');
    expect(
      acceptedValues(
        z
          .string()
          .regex(/^[a-z]+$/)
          .default('a'),
        'a',
      ),
    ).toBe('text matching `^[a-z]+$`');
  });
});
