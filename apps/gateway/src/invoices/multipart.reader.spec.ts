import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { readFileParts, type FilePart } from './multipart.reader.js';

const BOUNDARY = 'spec-boundary-42';

/** A request-like stream of a multipart body, counting the bytes the reader pulled from it. */
function multipart(parts: { field?: string; name: string; content: Buffer }[]): { req: Request; pulled: () => number } {
  let pulled = 0;
  const chunks = function* () {
    for (const part of parts) {
      yield Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field ?? 'files'}"; filename="${part.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      for (let offset = 0; offset < part.content.length; offset += 16_384) yield part.content.subarray(offset, offset + 16_384);
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${BOUNDARY}--\r\n`);
  };
  const body = Readable.from(chunks(), { objectMode: false, highWaterMark: 16_384 });
  const original = body.read.bind(body);
  body.read = (size?: number) => {
    const chunk = original(size) as Buffer | null;
    if (chunk) pulled += chunk.length;
    return chunk;
  };
  const contentType = `multipart/form-data; boundary=${BOUNDARY}`;
  Object.assign(body, { headers: { 'content-type': contentType }, is: (type: string) => (type === 'multipart/form-data' ? type : false) });
  return { req: body as unknown as Request, pulled: () => pulled };
}

const bytes = (size: number, fill: number) => Buffer.alloc(size, fill);
const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const limits = { maxFileBytes: 2_000_000, maxFiles: 5 };

async function readAll(req: Request, options = limits): Promise<FilePart[]> {
  const parts: FilePart[] = [];
  for await (const part of readFileParts(req, options)) parts.push(part);
  return parts;
}

describe('readFileParts', () => {
  it('fails, instead of waiting forever, when the connection closes before the body ended', async () => {
    const { PassThrough } = await import('node:stream');
    const body = new PassThrough();
    Object.assign(body, {
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      is: (type: string) => (type === 'multipart/form-data' ? type : false),
    });
    const reader = readFileParts(body as unknown as Request, limits);
    const first = reader.next();
    body.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="cut.png"\r\nContent-Type: image/png\r\n\r\n`);
    body.write(bytes(10_000, 7));
    body.destroy(); // the client is gone: 'close' without 'end'
    await expect(first).rejects.toThrow(/interrupted: the connection closed before the request body ended/);
    // A request already closed when its turn comes fails at once.
    const closed = new PassThrough();
    Object.assign(closed, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, is: () => 'multipart/form-data' });
    closed.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(readFileParts(closed as unknown as Request, limits).next()).rejects.toThrow(/interrupted/);
  });

  it('hands out the file parts in order, whole, with their sha256', async () => {
    const a = bytes(100_000, 1);
    const b = bytes(0, 0);
    const c = bytes(70_000, 3);
    const parts = await readAll(
      multipart([
        { name: 'a.png', content: a },
        { name: 'empty.png', content: b },
        { name: 'c.png', content: c },
      ]).req,
    );
    expect(parts.map((p) => [p.originalname, p.content.length, p.sha256])).toEqual([
      ['a.png', a.length, sha(a)],
      ['empty.png', 0, sha(b)],
      ['c.png', c.length, sha(c)],
    ]);
  });

  it('does not read the next part while the caller holds one (backpressure)', async () => {
    const size = 1_000_000;
    const { req, pulled } = multipart([1, 2, 3].map((n) => ({ name: `${n}.png`, content: bytes(size, n) })));
    const reader = readFileParts(req, limits);
    const first = await reader.next();
    expect(first.value?.content.length).toBe(size);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The first part, and at most a few buffers of the second: never the whole 3 MB body.
    expect(pulled()).toBeLessThan(size + 300_000);
    let rest = 0;
    for await (const part of reader) rest += part.content.length;
    expect(rest).toBe(2 * size);
    expect(pulled()).toBeGreaterThan(3 * size);
  });

  it('turns limits into the gateway errors: 413 naming MAX_UPLOAD_BYTES, 400 naming MAX_FILES_PER_REQUEST, unexpected fields', async () => {
    await expect(
      readAll(multipart([{ name: 'big.png', content: bytes(3000, 1) }]).req, { maxFileBytes: 1000, maxFiles: 5 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('1000 bytes (MAX_UPLOAD_BYTES)'),
    });
    const many = multipart([1, 2, 3].map((n) => ({ name: `${n}.png`, content: bytes(10, n) })));
    await expect(readAll(many.req, { maxFileBytes: 1000, maxFiles: 2 })).rejects.toMatchObject({
      code: 'TOO_MANY_FILES',
      message: expect.stringContaining('at most 2'),
    });
    await expect(readAll(multipart([{ field: 'other', name: 'x.png', content: bytes(10, 1) }]).req)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('"other"'),
    });
    const json = Object.assign(Readable.from([]), {
      headers: { 'content-type': 'application/json' },
      is: () => false,
    }) as unknown as Request;
    await expect(readAll(json)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('multipart/form-data'),
    });
  });
});
