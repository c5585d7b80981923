import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RejectedFile } from '@invoice/contracts';

export const STATE_FILE_NAME = '.invoice-ocr-state.json';
export const STATE_VERSION = 1;

/** What the gateway answered for one file's bytes, keyed in the state by the bytes' sha256. */
export type StateEntry =
  | {
      status: 'uploaded';
      path: string;
      documentId: string;
      jobId: string;
      /** The gateway already had these bytes. */
      duplicate: boolean;
      /** Present once the gateway answers batches. */
      batchId?: string;
      at: string;
    }
  | { status: 'rejected'; path: string; code: RejectedFile['code']; reason: string; at: string };

export interface StateContent {
  version: typeof STATE_VERSION;
  /** The gateway the entries belong to. */
  url: string;
  files: Record<string, StateEntry>;
}

export class StateFileError extends Error {}

export function emptyState(url: string): StateContent {
  return { version: STATE_VERSION, url, files: {} };
}

/** Parses a state file's text, refusing one that belongs to another gateway or is not ours. */
export function parseState(text: string, url: string, file = 'the state file'): StateContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`${file} is not valid JSON (${(error as Error).message}); move it away to start over`);
  }
  const state = parsed as Partial<StateContent> | null;
  if (!state || typeof state !== 'object' || state.version !== STATE_VERSION || typeof state.files !== 'object' || state.files === null) {
    throw new StateFileError(`${file} is not an invoice-ocr state file (version ${STATE_VERSION}); move it away or pass --state`);
  }
  if (state.url !== url) {
    throw new StateFileError(
      `${file} records uploads to ${state.url}, not ${url}: pass --state <file> to keep a separate state per gateway`,
    );
  }
  return state as StateContent;
}

/** Writes a file so that a reader (or a process killed mid-write) sees the old or the new content, never a mix. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The uploads already made from a folder. Entries are recorded after each successful request and
 * saved at once (atomically), so a run interrupted at any point resumes without sending the same
 * bytes twice. Concurrent saves are coalesced: each `save()` resolves once its changes are on disk.
 */
export class UploadState {
  private writing: Promise<void> | null = null;
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly content: StateContent,
  ) {}

  static async load(file: string, url: string): Promise<UploadState> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new UploadState(file, emptyState(url));
      throw error;
    }
    return new UploadState(file, parseState(text, url, file));
  }

  get(sha256: string): StateEntry | undefined {
    return this.content.files[sha256];
  }

  record(sha256: string, entry: StateEntry): void {
    this.content.files[sha256] = entry;
    this.dirty = true;
  }

  entries(): [string, StateEntry][] {
    return Object.entries(this.content.files);
  }

  uploaded(): (Extract<StateEntry, { status: 'uploaded' }> & { sha256: string })[] {
    return this.entries().flatMap(([sha256, entry]) => (entry.status === 'uploaded' ? [{ ...entry, sha256 }] : []));
  }

  async save(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = writeFileAtomic(this.file, `${JSON.stringify(this.content, null, 2)}\n`).finally(() => (this.writing = null));
    await this.writing;
  }
}
