import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { generateInvoice, type InvoiceGroundTruth } from '@invoice/invoice-generator';
import {
  createTestDatabase,
  deleteRedisPrefix,
  REPO_ROOT,
  startService,
  uniqueQueuePrefix,
  type ServiceProcess,
  type TestDatabase,
} from '@invoice/testing';

/** The summary `invoice-ocr upload --json` prints (the CLI's own type, read as JSON here). */
interface Summary {
  found: number;
  alreadySent: number;
  uploaded: number;
  duplicates: number;
  rejected: { path: string; reason: string }[];
  unsupported: { path: string; reason: string }[];
  failed: { path: string; error: string }[];
  requests: number;
  jobs?: { done: number; needs_review: number; failed: number; pending: number };
  output?: { file: string; rows: number };
}

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const CLI = 'apps/cli/dist/main.js';

/** The built CLI as a child process, as a user runs it. */
function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

const runCli = (args: string[], env: Record<string, string>) => startCli(args, env).done;

describe('invoice-ocr CLI end to end (built CLI, gateway and OCR worker processes)', () => {
  let db: TestDatabase;
  let prefix: string;
  let gateway: ServiceProcess;
  let worker: ServiceProcess;
  let work: string;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('e2e_cli');
    prefix = uniqueQueuePrefix('e2e-cli');
    // The uploader is under test, not the review decision: every extracted invoice is done (REVIEW_THRESHOLD 0, no
    // new-layout review).
    const env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
      OCR_CONCURRENCY: '2',
      LOG_LEVEL: 'warn',
      REVIEW_THRESHOLD: '0',
      REVIEW_NEW_LAYOUTS: 'off',
    };
    gateway = await startService('gateway', env);
    worker = await startService('ocr-worker', env);
    work = await mkdtemp(join(tmpdir(), 'cli-e2e-'));
    cliEnv = { INVOICE_OCR_URL: `http://127.0.0.1:${gateway.port}`, INVOICE_OCR_USERNAME: 'admin', INVOICE_OCR_PASSWORD: 'admin' };
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (work) await rm(work, { recursive: true, force: true });
  });

  const documentCount = async () =>
    ((await db.dataSource.query('SELECT count(*)::int AS count FROM documents')) as { count: number }[])[0]!.count;

  async function writeInvoices(folder: string, specs: { path: string; seed: number; language?: 'en' | 'fr'; format?: 'png' | 'jpeg' }[]) {
    const truths = new Map<string, InvoiceGroundTruth>();
    for (const spec of specs) {
      const { image, truth } = await generateInvoice(spec.seed, { language: spec.language, format: spec.format });
      await mkdir(dirname(join(folder, spec.path)), { recursive: true });
      await writeFile(join(folder, spec.path), image);
      truths.set(spec.path, truth);
    }
    return truths;
  }

  it('uploads a folder tree, waits, writes the extracted invoices as CSV, reports the unsupported files; a second run sends nothing', async () => {
    const folder = join(work, 'invoices');
    const truths = await writeInvoices(folder, [
      { path: 'top.png', seed: 8101 },
      { path: '2026/january/fr.jpg', seed: 8102, language: 'fr', format: 'jpeg' },
      { path: '2026/january/en.png', seed: 8103 },
      { path: '2026/february/scan.png', seed: 8104, language: 'fr' },
    ]);
    await writeFile(join(folder, 'notes.txt'), 'not an invoice');
    await writeFile(join(folder, '2026/fake.png'), 'text pretending to be a PNG');
    await writeFile(join(folder, '.hidden.png'), 'hidden files are skipped silently');
    const out = join(work, 'out.csv');

    const first = await runCli(
      ['upload', folder, '--wait', '--output', out, '--json', '--files-per-request', '2', '--poll-interval', '250'],
      cliEnv,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Summary;
    expect(summary).toMatchObject({ found: 4, uploaded: 4, duplicates: 0, alreadySent: 0, rejected: [], failed: [], requests: 2 });
    expect(summary.unsupported.map((u) => u.path).sort()).toEqual(['2026/fake.png', 'notes.txt']);
    expect(summary.unsupported.find((u) => u.path === 'notes.txt')!.reason).toContain('".txt"');
    expect(summary.jobs).toMatchObject({ failed: 0, pending: 0 });
    expect(summary.jobs!.done + summary.jobs!.needs_review).toBe(4);
    expect(summary.output).toMatchObject({ file: out, rows: 4 });

    // The CSV: one row per invoice, with the fields read from the images.
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.path)).toEqual([...truths.keys()].sort());
    for (const row of rows) {
      const truth = truths.get(row.path!)!;
      expect({ path: row.path, invoiceNumber: row.invoiceNumber, total: Number(row.total), status: row.status }).toEqual({
        path: row.path,
        invoiceNumber: truth.invoiceNumber,
        total: truth.total,
        status: 'done',
      });
    }
    expect(await documentCount()).toBe(4);

    // The state file records every file: a second run sends nothing and creates nothing.
    const second = await runCli(['upload', folder, '--json'], cliEnv);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout) as Summary).toMatchObject({ found: 4, alreadySent: 4, uploaded: 0, duplicates: 0, requests: 0 });
    expect(await documentCount()).toBe(4);

    // The human summary names the skipped files.
    const human = await runCli(['upload', folder], cliEnv);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('0 new, 0 duplicate(s), 4 already sent before');
    expect(human.stdout).toMatch(/skipped notes\.txt: unsupported file extension/);
    expect(human.stdout).toMatch(/skipped 2026\/fake\.png: content is not PNG/);
  });

  it('resumes after a SIGKILL without sending a recorded file again and without creating any document twice', async () => {
    const folder = join(work, 'resume');
    const files = Array.from({ length: 12 }, (_, i) => ({ path: `part-${i % 3}/inv-${i}.png`, seed: 8200 + i }));
    await writeInvoices(folder, files);
    const before = await documentCount();
    const stateFile = join(folder, '.invoice-ocr-state.json');

    const { child, done } = startCli(['upload', folder, '--files-per-request', '1', '--concurrency', '1', '--json'], cliEnv);
    let recorded = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && child.exitCode === null;) {
      const text = await readFile(stateFile, 'utf8').catch(() => null);
      // Written atomically: whenever it exists it is whole JSON.
      recorded = text ? Object.keys((JSON.parse(text) as { files: object }).files).length : 0;
      if (recorded >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    expect(recorded).toBeGreaterThanOrEqual(1);
    expect(recorded).toBeLessThan(files.length); // killed mid-run, not after it
    const recordedAtKill = Object.keys((JSON.parse(await readFile(stateFile, 'utf8')) as { files: object }).files).length;

    const rerun = await runCli(['upload', folder, '--files-per-request', '1', '--concurrency', '1', '--json'], cliEnv);
    expect({ code: rerun.code, output: rerun.code === 0 ? '' : `${rerun.stdout}\n${rerun.stderr}` }).toEqual({ code: 0, output: '' });
    const summary = JSON.parse(rerun.stdout) as Summary;
    // What the state recorded is not sent again; at most the one request in flight at the kill
    // reaches the gateway twice, and the gateway answers it as a duplicate (same bytes).
    expect(summary.alreadySent).toBe(recordedAtKill);
    expect(summary.uploaded + summary.duplicates).toBe(files.length - recordedAtKill);
    expect(summary.duplicates).toBeLessThanOrEqual(1);
    expect(summary.failed).toEqual([]);
    expect(await documentCount()).toBe(before + files.length);
    const [counted] = (await db.dataSource.query('SELECT count(*)::int - count(DISTINCT sha256)::int AS copies FROM documents')) as {
      copies: number;
    }[];
    expect(counted?.copies).toBe(0);
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as { files: Record<string, { status: string }> };
    expect(Object.values(state.files).filter((f) => f.status === 'uploaded')).toHaveLength(files.length);
  });

  it('login prints a token that status then uses', async () => {
    const login = await runCli(['login', '--username', 'admin'], {
      INVOICE_OCR_URL: cliEnv.INVOICE_OCR_URL!,
      INVOICE_OCR_PASSWORD: 'admin',
    });
    expect(login.code).toBe(0);
    const token = login.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const state = JSON.parse(await readFile(join(work, 'invoices', '.invoice-ocr-state.json'), 'utf8')) as {
      files: Record<string, { jobId: string }>;
    };
    const { jobId } = Object.values(state.files)[0]!;
    const status = await runCli(['status', jobId, '--json'], { INVOICE_OCR_URL: cliEnv.INVOICE_OCR_URL!, INVOICE_OCR_TOKEN: token });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ jobId, status: 'done', progress: 100 });
    const wrong = await runCli(['login', '--username', 'admin'], {
      INVOICE_OCR_URL: cliEnv.INVOICE_OCR_URL!,
      INVOICE_OCR_PASSWORD: 'wrong',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401 Unauthorized');
  });

  it('says clearly when the credentials are refused, and exits non-zero', async () => {
    const folder = join(work, 'invoices');
    const result = await runCli(['upload', folder, '--state', join(work, 'other-state.json')], {
      INVOICE_OCR_URL: cliEnv.INVOICE_OCR_URL!,
      INVOICE_OCR_TOKEN: 'not-a-token',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/answered 401 Unauthorized.*Set INVOICE_OCR_TOKEN, or pass --username and set INVOICE_OCR_PASSWORD/);
    const missing = await runCli(['upload', folder], { INVOICE_OCR_URL: cliEnv.INVOICE_OCR_URL! });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No credentials: set INVOICE_OCR_TOKEN');
  });
});
