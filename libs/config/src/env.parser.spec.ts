import { describe, expect, it } from '@jest/globals';
import { checkDevelopmentDefaults, ConfigError, parseEnv } from './env.parser.js';
import { DEV_DEFAULTS, gatewayEnvSchema, varsOnDevDefaults, workerEnvSchema } from './env.fragments.js';

describe('parseEnv', () => {
  it('applies defaults on an empty environment', () => {
    const env = parseEnv(gatewayEnvSchema, {});
    expect(env.PORT).toBe(3000);
    expect(env.MAX_UPLOAD_BYTES).toBe(20 * 1024 * 1024);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(parseEnv(workerEnvSchema, {}).PORT).toBe(9464);
  });

  it('names every offending variable', () => {
    expect(() => parseEnv(gatewayEnvSchema, { PORT: 'abc', JWT_SECRET: 'short', REDIS_URL: 'http://x' })).toThrow(ConfigError);
    try {
      parseEnv(gatewayEnvSchema, { PORT: 'abc', JWT_SECRET: 'short', REDIS_URL: 'http://x' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('JWT_SECRET: must be at least 32 characters');
      expect(message).toContain('REDIS_URL: must be a redis:// URL');
    }
  });

  it('coerces numbers from strings', () => {
    expect(parseEnv(workerEnvSchema, { OCR_CONCURRENCY: '3' }).OCR_CONCURRENCY).toBe(3);
    expect(() => parseEnv(workerEnvSchema, { OCR_CONCURRENCY: '0' })).toThrow(/OCR_CONCURRENCY/);
    expect(parseEnv(workerEnvSchema, {}).OCR_NICE).toBe(10);
    expect(() => parseEnv(workerEnvSchema, { OCR_NICE: '20' })).toThrow(/OCR_NICE/);
  });

  it('bounds the input limits and checks the preprocessing list', () => {
    const env = parseEnv(workerEnvSchema, {});
    expect([env.MAX_PAGES, env.MAX_PAGE_PIXELS, env.PDF_RENDER_DPI, env.OCR_PREPROCESS]).toEqual([50, 80_000_000, 200, '']);
    expect(() => parseEnv(workerEnvSchema, { MAX_PAGES: '0' })).toThrow(/MAX_PAGES/);
    expect(() => parseEnv(workerEnvSchema, { PDF_RENDER_DPI: '2000' })).toThrow(/PDF_RENDER_DPI/);
    expect(parseEnv(workerEnvSchema, { OCR_PREPROCESS: 'deskew, -contrast' }).OCR_PREPROCESS).toBe('deskew, -contrast');
    expect(() => parseEnv(workerEnvSchema, { OCR_PREPROCESS: 'deskew;crop' })).toThrow(/OCR_PREPROCESS/);
  });

  it('switches the second recognizer and bounds its threshold', () => {
    expect(parseEnv(workerEnvSchema, {})).toMatchObject({
      OCR_SECOND_RECOGNIZER: 'ppocr',
      OCR_SECOND_THRESHOLD: 85,
      OCR_SECOND_PAGE_THRESHOLD: 85,
    });
    expect(parseEnv(workerEnvSchema, { OCR_SECOND_RECOGNIZER: 'ppocr', OCR_SECOND_THRESHOLD: '60' })).toMatchObject({
      OCR_SECOND_RECOGNIZER: 'ppocr',
      OCR_SECOND_THRESHOLD: 60,
    });
    expect(() => parseEnv(workerEnvSchema, { OCR_SECOND_RECOGNIZER: 'paddle' })).toThrow(/OCR_SECOND_RECOGNIZER/);
    expect(() => parseEnv(workerEnvSchema, { OCR_SECOND_THRESHOLD: '101' })).toThrow(/OCR_SECOND_THRESHOLD/);
    expect(() => parseEnv(workerEnvSchema, { OCR_SECOND_PAGE_THRESHOLD: '-1' })).toThrow(/OCR_SECOND_PAGE_THRESHOLD/);
  });
});

describe('development defaults', () => {
  it('lists the variables left on their development default', () => {
    const env = parseEnv(gatewayEnvSchema, { JWT_SECRET: 'x'.repeat(40) });
    expect(varsOnDevDefaults(env)).toEqual(['DATABASE_URL', 'ADMIN_PASSWORD']);
    expect(varsOnDevDefaults({ ...env, DATABASE_URL: 'postgres://db/x', ADMIN_PASSWORD: 'p' })).toEqual([]);
  });

  it('warns in development and refuses in production', () => {
    expect(checkDevelopmentDefaults('development', ['JWT_SECRET'])).toMatch(/JWT_SECRET/);
    expect(checkDevelopmentDefaults('production', [])).toBeNull();
    expect(() => checkDevelopmentDefaults('production', ['JWT_SECRET', 'ADMIN_PASSWORD'])).toThrow(
      /Refusing to start in production.*JWT_SECRET, ADMIN_PASSWORD/,
    );
    expect(DEV_DEFAULTS.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});

describe('redisConnectionFromUrl', () => {
  it('reads host, port, credentials, database and TLS', async () => {
    const { redisConnectionFromUrl } = await import('./env.fragments.js');
    expect(redisConnectionFromUrl('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(redisConnectionFromUrl('rediss://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
    expect(() => redisConnectionFromUrl('redis://h/x')).toThrow(/database number/);
  });
});

describe('loadConfig', () => {
  it('returns the config with a warning in development and refuses defaults in production', async () => {
    const { loadConfig } = await import('./env.parser.js');
    const dev = loadConfig(gatewayEnvSchema, {});
    expect(dev.config.PORT).toBe(3000);
    expect(dev.warning).toMatch(/DATABASE_URL, JWT_SECRET, ADMIN_PASSWORD/);
    expect(() => loadConfig(workerEnvSchema, { NODE_ENV: 'production' })).toThrow(/DATABASE_URL/);
    const prod = loadConfig(workerEnvSchema, { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal/invoices' });
    expect(prod.warning).toBeNull();
  });
});
