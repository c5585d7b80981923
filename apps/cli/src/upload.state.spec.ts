import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { emptyState, parseState, StateFileError, UploadState, writeFileAtomic } from './upload.state.js';

const URL_A = 'http://127.0.0.1:3000';
const uploaded = (path: string, n: number) => ({
  status: 'uploaded' as const,
  path,
  documentId: `doc-${n}`,
  jobId: `job-${n}`,
  duplicate: false,
  at: '2026-01-01T00:00:00.000Z',
});

describe('parseState', () => {
  it('reads a state file of the same gateway', () => {
    const state = { ...emptyState(URL_A), files: { abc: uploaded('a.png', 1) } };
    expect(parseState(JSON.stringify(state), URL_A)).toEqual(state);
  });

  it('refuses a state file of another gateway, naming both', () => {
    expect(() => parseState(JSON.stringify(emptyState(URL_A)), 'http://other:3000')).toThrow(
      /records uploads to http:\/\/127\.0\.0\.1:3000, not http:\/\/other:3000/,
    );
  });

  it('refuses broken JSON and foreign files with a message saying what to do', () => {
    expect(() => parseState('{"version":1,', URL_A, 's.json')).toThrow(StateFileError);
    expect(() => parseState('{"version":1,', URL_A, 's.json')).toThrow(/s\.json is not valid JSON/);
    expect(() => parseState('{"hello":"world"}', URL_A)).toThrow(/not an invoice-ocr state file/);
    expect(() => parseState('null', URL_A)).toThrow(/not an invoice-ocr state file/);
  });
});

describe('UploadState (real files)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts empty when the file does not exist, and saves what is recorded', async () => {
    const file = join(dir, 'new.json');
    const state = await UploadState.load(file, URL_A);
    expect(state.entries()).toEqual([]);
    state.record('h1', uploaded('a.png', 1));
    state.record('h2', { status: 'rejected', path: 'b.png', code: 'UNSUPPORTED_TYPE', reason: 'nope', at: '2026-01-01T00:00:00.000Z' });
    await state.save();
    const reloaded = await UploadState.load(file, URL_A);
    expect(reloaded.get('h1')).toEqual(uploaded('a.png', 1));
    expect(reloaded.get('h2')?.status).toBe('rejected');
    expect(reloaded.uploaded()).toEqual([{ ...uploaded('a.png', 1), sha256: 'h1' }]);
  });

  it('coalesces concurrent saves, and every save resolves with its own entry on disk', async () => {
    const file = join(dir, 'concurrent.json');
    const state = await UploadState.load(file, URL_A);
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        state.record(`h${i}`, uploaded(`f${i}.png`, i));
        await state.save();
        const onDisk = JSON.parse(await readFile(file, 'utf8')) as { files: Record<string, unknown> };
        expect(onDisk.files[`h${i}`]).toBeDefined();
      }),
    );
    expect((await UploadState.load(file, URL_A)).entries()).toHaveLength(50);
    // No temporary file is left behind.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writeFileAtomic replaces the whole file', async () => {
    const file = join(dir, 'atomic.txt');
    await writeFile(file, 'old content that is longer');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
  });
});
