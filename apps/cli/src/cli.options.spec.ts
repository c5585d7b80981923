import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import {
  integerOption,
  normalizeUrl,
  outputFormat,
  resolveCredentials,
  resolveUploadConfig,
  UsageError,
  type UploadCliOptions,
} from './cli.options.js';
import { createProgram } from './cli.program.js';

const base: UploadCliOptions = { url: 'http://127.0.0.1:3000', concurrency: 4, filesPerRequest: 10, retries: 5, pollInterval: 1000 };
const env = { INVOICE_OCR_TOKEN: 'tok' };

describe('integerOption', () => {
  it('parses whole numbers in range and refuses the rest with a message', () => {
    const parse = integerOption(1, 64);
    expect(parse('8')).toBe(8);
    for (const bad of ['0', '65', '2.5', 'abc', '', '-1', '1e3']) expect(() => parse(bad)).toThrow(InvalidArgumentError);
    expect(() => parse('0')).toThrow('expected a whole number from 1 to 64, got "0"');
  });
});

describe('normalizeUrl', () => {
  it('keeps http(s) URLs without the trailing slash', () => {
    expect(normalizeUrl('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(normalizeUrl('https://ocr.example.com/base/')).toBe('https://ocr.example.com/base');
  });
  it('refuses what is not an http(s) URL', () => {
    expect(() => normalizeUrl('localhost:3000')).toThrow(UsageError);
    expect(() => normalizeUrl('not a url')).toThrow(/is not a URL/);
    expect(() => normalizeUrl('ftp://host')).toThrow(/expected http/);
  });
});

describe('resolveCredentials', () => {
  it('takes the token from INVOICE_OCR_TOKEN', () => {
    expect(resolveCredentials({}, { INVOICE_OCR_TOKEN: 't' })).toEqual({ token: 't' });
  });
  it('takes a user name with the password from INVOICE_OCR_PASSWORD, or from the option', () => {
    expect(resolveCredentials({ username: 'ann' }, { INVOICE_OCR_PASSWORD: 'pw' })).toEqual({ username: 'ann', password: 'pw' });
    expect(resolveCredentials({ username: 'ann', password: 'opt' }, { INVOICE_OCR_PASSWORD: 'pw' })).toEqual({
      username: 'ann',
      password: 'opt',
    });
    expect(resolveCredentials({}, { INVOICE_OCR_USERNAME: 'bob', INVOICE_OCR_PASSWORD: 'pw', INVOICE_OCR_TOKEN: 't' })).toEqual({
      username: 'bob',
      password: 'pw',
    });
  });
  it('says what to set when something is missing', () => {
    expect(() => resolveCredentials({ username: 'ann' }, {})).toThrow('No password for user "ann": set INVOICE_OCR_PASSWORD');
    expect(() => resolveCredentials({}, {})).toThrow(/set INVOICE_OCR_TOKEN/);
  });
});

describe('resolveUploadConfig', () => {
  it('resolves paths against the working directory and puts the state file in the folder by default', () => {
    const config = resolveUploadConfig('invoices', base, env, '/home/me');
    expect(config).toMatchObject({
      folder: '/home/me/invoices',
      stateFile: '/home/me/invoices/.invoice-ocr-state.json',
      url: 'http://127.0.0.1:3000',
      credentials: { token: 'tok' },
      wait: false,
      waitTimeoutMs: 0,
      mode: 'human',
    });
    expect(config.output).toBeUndefined();
  });

  it('--output implies --wait and takes its format from the extension unless --format says', () => {
    expect(resolveUploadConfig('f', { ...base, output: 'out.csv' }, env, '/w')).toMatchObject({
      wait: true,
      output: { file: '/w/out.csv', format: 'csv' },
    });
    expect(resolveUploadConfig('f', { ...base, output: 'out.jsonl' }, env, '/w').output?.format).toBe('jsonl');
    expect(resolveUploadConfig('f', { ...base, output: 'out.txt', format: 'jsonl' }, env, '/w').output?.format).toBe('jsonl');
    expect(outputFormat('x.NDJSON')).toBe('jsonl');
  });

  it('--state, --wait-timeout, --json and --quiet', () => {
    expect(resolveUploadConfig('f', { ...base, state: '/tmp/s.json', wait: true, waitTimeout: 30, json: true }, env, '/w')).toMatchObject({
      stateFile: '/tmp/s.json',
      wait: true,
      waitTimeoutMs: 30_000,
      mode: 'json',
    });
    expect(resolveUploadConfig('f', { ...base, quiet: true }, env, '/w').mode).toBe('quiet');
  });

  it('refuses contradictory options', () => {
    expect(() => resolveUploadConfig('f', { ...base, quiet: true, json: true }, env)).toThrow('--quiet and --json exclude each other');
    expect(() => resolveUploadConfig('f', { ...base, format: 'csv' }, env)).toThrow('--format needs --output <file>');
    expect(() => resolveUploadConfig('f', { ...base, waitTimeout: 5 }, env)).toThrow('--wait-timeout needs --wait');
  });
});

describe('the commander program', () => {
  const ENV_NAMES = ['INVOICE_OCR_URL', 'INVOICE_OCR_USERNAME', 'INVOICE_OCR_PASSWORD'] as const;
  /** commander reads option values from process.env (Option.env): set them for one parse only. */
  const parseUpload = async (args: string[], envVars: Partial<Record<(typeof ENV_NAMES)[number], string>> = {}) => {
    const saved = ENV_NAMES.map((name) => [name, process.env[name]] as const);
    for (const name of ENV_NAMES) {
      if (envVars[name] === undefined) delete process.env[name];
      else process.env[name] = envVars[name];
    }
    try {
      const { program } = createProgram({ stdout: () => undefined, stderr: () => undefined, env: {} });
      const upload = program.commands.find((c) => c.name() === 'upload')!;
      upload.action(() => undefined); // parse only
      await program.parseAsync(['node', 'invoice-ocr', 'upload', ...args]);
      return { options: upload.opts<UploadCliOptions>(), args: upload.args };
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };

  it('has the documented defaults', async () => {
    const { options, args } = await parseUpload(['folder']);
    expect(args).toEqual(['folder']);
    expect(options).toMatchObject({ url: 'http://127.0.0.1:3000', concurrency: 4, filesPerRequest: 10, retries: 5, pollInterval: 1000 });
  });

  it('parses every option, and reads the URL, user and password from the environment', async () => {
    const { options } = await parseUpload(
      [
        'f',
        '-c',
        '8',
        '--files-per-request',
        '20',
        '--retries',
        '0',
        '--state',
        's.json',
        '--wait',
        '--wait-timeout',
        '60',
        '-o',
        'o.jsonl',
        '--format',
        'jsonl',
        '--json',
      ],
      { INVOICE_OCR_URL: 'http://gw:3000', INVOICE_OCR_USERNAME: 'ann', INVOICE_OCR_PASSWORD: 'pw' },
    );
    expect(options).toMatchObject({
      url: 'http://gw:3000',
      username: 'ann',
      password: 'pw',
      concurrency: 8,
      filesPerRequest: 20,
      retries: 0,
      state: 's.json',
      wait: true,
      waitTimeout: 60,
      output: 'o.jsonl',
      format: 'jsonl',
      json: true,
    });
  });

  it('refuses a bad number or format with commander usage errors', async () => {
    await expect(parseUpload(['f', '--concurrency', '0'])).rejects.toThrow(/expected a whole number from 1 to 64/);
    await expect(parseUpload(['f', '--format', 'xml', '-o', 'x'])).rejects.toThrow(/Allowed choices are csv, jsonl/);
    await expect(parseUpload([])).rejects.toThrow(/missing required argument 'folder'/);
  });

  it('documents every option in --help', () => {
    const { program } = createProgram({ stdout: () => undefined, stderr: () => undefined, env: {} });
    const help = program.commands.find((c) => c.name() === 'upload')!.helpInformation();
    for (const flag of [
      '--url',
      '--username',
      '--password',
      '--concurrency',
      '--files-per-request',
      '--retries',
      '--state',
      '--wait',
      '--wait-timeout',
      '--poll-interval',
      '--output',
      '--format',
      '--quiet',
      '--json',
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('INVOICE_OCR_PASSWORD');
  });
});
