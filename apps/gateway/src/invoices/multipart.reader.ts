import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError } from '@invoice/contracts';
import { watchProgress, type StallLimits } from './upload-progress.watchdog.js';

export const UPLOAD_FIELD = 'files';

export interface UploadLimits {
  /** MAX_UPLOAD_BYTES */
  maxFileBytes: number;
  /** MAX_FILES_PER_REQUEST */
  maxFiles: number;
  /** Cut (408) an upload that stops progressing; none when absent. */
  stall?: StallLimits;
}

/** One file part, read whole (it is at most MAX_UPLOAD_BYTES), hashed while it streamed in. */
export interface FilePart {
  /** The client's name as sent (latin1-decoded, as multipart parsers hand it over). */
  originalname: string;
  content: Buffer;
  sha256: string;
}

type Item = { kind: 'file'; stream: Readable; filename: string } | { kind: 'error'; error: unknown } | { kind: 'end' };

/**
 * Reads `multipart/form-data` file parts named `files` one at a time, as they stream in: only the
 * part being handed out is in memory. While the caller is busy with a part (e.g. writing it to
 * Postgres), the next part is not read, so the socket's backpressure holds the client back.
 * Limits become the gateway's domain errors (413 naming MAX_UPLOAD_BYTES, 400 naming
 * MAX_FILES_PER_REQUEST). Stopping early (an error, or the caller leaving the loop) stops parsing
 * and discards the rest of the body. A connection that closes before the body ended is an error too.
 */
export async function* readFileParts(req: Request, limits: UploadLimits): AsyncGenerator<FilePart> {
  if (!req.is('multipart/form-data')) {
    throw new DomainError('VALIDATION_FAILED', `Send files as multipart/form-data in parts named "${UPLOAD_FIELD}"`);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'latin1',
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 },
    });
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', `Malformed upload: ${(error as Error).message}`);
  }

  const items: Item[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  const push = (item: Item) => {
    if (item.kind === 'error') failure ??= item.error;
    items.push(item);
    wake?.();
    wake = undefined;
  };
  // The part being read: a parsing failure ends it, so its reader does not wait for data that will never come.
  // (Not Promise.race against a long-lived promise: each race would stay attached to it, and keep its part's bytes.)
  let current: Readable | undefined;
  const fail = (error: unknown) => {
    push({ kind: 'error', error });
    current?.destroy(error as Error);
  };

  const malformed = (error: Error) => new DomainError('VALIDATION_FAILED', `Malformed upload: ${error.message}`);
  parser.on('file', (field, stream, info) => {
    // Every file stream can fail (busboy destroys it when the body ends inside the part), whether it is
    // being read, waiting in the queue, or skipped: without a listener that failure kills the process.
    stream.on('error', (error: Error) => fail(malformed(error)));
    if (failure !== undefined) return void stream.resume();
    if (field !== UPLOAD_FIELD) {
      stream.resume();
      return fail(new DomainError('VALIDATION_FAILED', `Unexpected file field "${field}": name every file part "${UPLOAD_FIELD}"`));
    }
    push({ kind: 'file', stream, filename: info.filename ?? '' });
  });
  parser.on('filesLimit', () =>
    fail(new DomainError('TOO_MANY_FILES', `Too many files: at most ${limits.maxFiles} per request (MAX_FILES_PER_REQUEST)`)),
  );
  parser.on('partsLimit', () => fail(new DomainError('VALIDATION_FAILED', 'Malformed upload: too many parts')));
  parser.on('fieldsLimit', () => fail(new DomainError('VALIDATION_FAILED', 'Malformed upload: too many fields')));
  parser.on('error', (error: Error) => fail(malformed(error)));
  parser.on('close', () => push({ kind: 'end' }));
  // A client that goes away mid-body (killed, connection dropped) must not leave the upload waiting for
  // the rest forever: its transaction, pooled connection, upload slot and Idempotency-Key lock are released.
  const interrupted = () =>
    new DomainError('VALIDATION_FAILED', 'The upload was interrupted: the connection closed before the request body ended');
  if (req.destroyed && !req.readableEnded) throw interrupted();
  const onClose = () => {
    if (!req.readableEnded) fail(interrupted());
  };
  req.once('close', onClose);
  const watchdog = limits.stall ? watchProgress(req, limits.stall, () => fail(stalled(req, limits.stall!))) : undefined;
  req.pipe(parser);

  let finished = false;
  try {
    for (;;) {
      if (items.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const item = items.shift()!;
      if (item.kind === 'error') throw item.error;
      if (item.kind === 'end') {
        finished = true;
        return;
      }
      current = item.stream;
      const part = await readPart(item.stream, limits).catch((error: unknown) => Promise.reject(failure ?? error));
      current = undefined;
      watchdog?.pause();
      yield { originalname: item.filename, ...part };
      watchdog?.resume();
    }
  } finally {
    watchdog?.stop();
    req.off('close', onClose);
    if (!finished) {
      // Stop parsing; the rest of the body is read and discarded so the answer can be sent.
      req.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      for (const item of items) if (item.kind === 'file') item.stream.resume();
      req.resume();
    }
  }
}

/** The 408 of a stalled upload; its connection is closed after the answer (the rest of its body is not awaited). */
function stalled(req: Request, stall: StallLimits): DomainError {
  req.res?.setHeader('connection', 'close');
  return new DomainError(
    'REQUEST_TIMEOUT',
    `The upload made no progress: fewer than ${stall.minBytes} bytes arrived in ${stall.timeoutMs} ms (UPLOAD_STALL_TIMEOUT_MS); nothing of it was stored`,
  );
}

async function readPart(stream: Readable & { truncated?: boolean }, limits: UploadLimits): Promise<{ content: Buffer; sha256: string }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    chunks.push(chunk);
    size += chunk.length;
  }
  if (stream.truncated) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `A file is larger than the limit of ${limits.maxFileBytes} bytes (MAX_UPLOAD_BYTES)`);
  }
  return { content: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}
