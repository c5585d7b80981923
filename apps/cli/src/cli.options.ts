import { extname, join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Credentials } from './gateway.client.js';
import { STATE_FILE_NAME } from './upload.state.js';

export const DEFAULT_URL = 'http://127.0.0.1:3000';
export const OUTPUT_FORMATS = ['csv', 'jsonl'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A wrong combination of options or a missing setting: printed as is, exit code 2. */
export class UsageError extends Error {}

/** Options of `invoice-ocr upload`, as commander hands them over. */
export interface UploadCliOptions {
  url: string;
  username?: string;
  password?: string;
  concurrency: number;
  filesPerRequest: number;
  retries: number;
  state?: string;
  wait?: boolean;
  waitTimeout?: number;
  pollInterval: number;
  output?: string;
  format?: OutputFormat;
  quiet?: boolean;
  json?: boolean;
}

export interface UploadConfig {
  folder: string;
  url: string;
  credentials: Credentials;
  concurrency: number;
  filesPerRequest: number;
  retries: number;
  stateFile: string;
  wait: boolean;
  /** 0: no limit. */
  waitTimeoutMs: number;
  /** First polling interval; it grows to 5x while jobs stay pending. */
  pollIntervalMs: number;
  output?: { file: string; format: OutputFormat };
  /** 'human': progress bars and a summary; 'quiet': errors only; 'json': one JSON summary on stdout. */
  mode: 'human' | 'quiet' | 'json';
}

/** commander argument parser for an integer in [min, max]. */
export function integerOption(min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
}

/** The gateway's base URL: http(s) only, without a trailing slash. */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url: "${raw}" is not a URL (example: ${DEFAULT_URL})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--url: expected http:// or https://, got ${url.protocol}`);
  return url.toString().replace(/\/+$/, '');
}

/**
 * A token from INVOICE_OCR_TOKEN, else a user name (option or INVOICE_OCR_USERNAME) with the
 * password from INVOICE_OCR_PASSWORD (or --password, which other users of the machine can see).
 */
export function resolveCredentials(options: { username?: string; password?: string }, env: NodeJS.ProcessEnv): Credentials {
  const username = options.username ?? env.INVOICE_OCR_USERNAME;
  if (username) {
    const password = options.password ?? env.INVOICE_OCR_PASSWORD;
    if (!password) throw new UsageError(`No password for user "${username}": set INVOICE_OCR_PASSWORD`);
    return { username, password };
  }
  if (env.INVOICE_OCR_TOKEN) return { token: env.INVOICE_OCR_TOKEN };
  throw new UsageError('No credentials: set INVOICE_OCR_TOKEN (see `invoice-ocr login`), or pass --username and set INVOICE_OCR_PASSWORD');
}

export function outputFormat(file: string, format?: OutputFormat): OutputFormat {
  if (format) return format;
  return ['.jsonl', '.ndjson'].includes(extname(file).toLowerCase()) ? 'jsonl' : 'csv';
}

export function resolveUploadConfig(folder: string, options: UploadCliOptions, env: NodeJS.ProcessEnv, cwd = process.cwd()): UploadConfig {
  if (options.quiet && options.json) throw new UsageError('--quiet and --json exclude each other');
  if (options.format && !options.output) throw new UsageError('--format needs --output <file>');
  if (options.waitTimeout && !options.wait && !options.output) throw new UsageError('--wait-timeout needs --wait');
  const absoluteFolder = resolve(cwd, folder);
  const output = options.output ? { file: resolve(cwd, options.output), format: outputFormat(options.output, options.format) } : undefined;
  return {
    folder: absoluteFolder,
    url: normalizeUrl(options.url),
    credentials: resolveCredentials(options, env),
    concurrency: options.concurrency,
    filesPerRequest: options.filesPerRequest,
    retries: options.retries,
    stateFile: options.state ? resolve(cwd, options.state) : join(absoluteFolder, STATE_FILE_NAME),
    // The extracted invoices exist once the jobs are over: --output waits.
    wait: Boolean(options.wait || output),
    waitTimeoutMs: (options.waitTimeout ?? 0) * 1000,
    pollIntervalMs: options.pollInterval,
    output,
    mode: options.json ? 'json' : options.quiet ? 'quiet' : 'human',
  };
}
