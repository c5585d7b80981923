import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { distinctPng, startGateway, testGatewayConfig, userToken } from '../testing/gateway.harness.js';

const BOUNDARY = 'raw-socket-boundary-7';

function partHeader(field: string, filename: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`;
}

interface RawAnswer {
  status: number | null;
  body: string;
}

/**
 * Sends one upload over a raw socket, as a client that breaks the rules would: `chunks` are written one
 * by one, then the socket is half-closed (`end`: the client waits for an answer) or destroyed (the
 * client is gone). Resolves with the status line and body the server sent, if any.
 */
function rawUpload(
  port: number,
  token: string,
  chunks: (string | Buffer)[],
  how: { contentLength?: number; chunked?: boolean; close: 'end' | 'destroy' },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', () => undefined); // a reset after the answer is fine: the answer is what is checked
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : null, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.setTimeout(15_000, () => reject(new Error('the server did not answer within 15 s')));
    const length = how.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${how.contentLength}`;
    socket.write(
      `POST /api/invoices HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\n${length}\r\n\r\n`,
    );
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk);
      socket.write(how.chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]) : bytes);
    }
    if (how.chunked) socket.write('0\r\n\r\n');
    if (how.close === 'destroy') setTimeout(() => socket.destroy(), 200);
    else if (!how.chunked) socket.end();
  });
}

describe('malformed multipart uploads (raw sockets, real gateway, PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prefix: string;
  let port: number;
  let token: string;
  let other: string;

  beforeAll(async () => {
    db = await createTestDatabase('malformed');
    prefix = uniqueQueuePrefix('malformed');
    app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, MAX_FILES_PER_REQUEST: '5' }));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    token = await userToken(app, 'Raw org', 'raw', 'uploader');
    other = await userToken(app, 'Other org', 'other', 'uploader');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  const documents = async (): Promise<number> => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM documents`))[0].n);

  /** The gateway is alive and serves a normal upload of another organization. */
  async function stillServes(n: number): Promise<void> {
    const res = await request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${other}` })
      .attach('files', await distinctPng(n), `ok-${n}.png`)
      .expect(202);
    expect(res.body.jobs).toHaveLength(1);
  }

  it('answers 400 when the multipart body ends inside a file part (complete HTTP body), stores nothing, and carries on', async () => {
    const png = await distinctPng(1);
    const before = await documents();
    const answer = await rawUpload(port, token, [partHeader('files', 'cut.png'), png.subarray(0, 40)], { chunked: true, close: 'end' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/Malformed upload: Unexpected end of (form|file)/),
    });
    expect(await documents()).toBe(before);
    await stillServes(100);
  });

  it('answers 400 when a second part is cut while the first is being stored, and keeps nothing of the request', async () => {
    const first = await distinctPng(2);
    const second = await distinctPng(3);
    const before = await documents();
    const body = [partHeader('files', 'whole.png'), first, '\r\n', partHeader('files', 'cut.png'), second.subarray(0, 30)];
    const answer = await rawUpload(port, token, body, { chunked: true, close: 'end' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/Malformed upload/);
    expect(await documents()).toBe(before);
    await stillServes(101);
  });

  it('survives a file part of another field name cut short, and parts queued behind a failure', async () => {
    const png = await distinctPng(4);
    const body = [partHeader('other', 'x.png'), png.subarray(0, 20)];
    const answer = await rawUpload(port, token, body, { chunked: true, close: 'end' });
    expect(answer.status).toBe(400);
    const queued = [
      partHeader('files', 'a.png'),
      png,
      '\r\n',
      partHeader('files', 'b.png'),
      png.subarray(0, 10),
      '\r\n',
      partHeader('files', 'c.png'),
      png.subarray(0, 10),
    ];
    expect((await rawUpload(port, token, queued, { chunked: true, close: 'end' })).status).toBe(400);
    await stillServes(102);
  });

  it('answers 400 to a body shorter than its Content-Length when the client half-closes, and survives a client that disconnects mid-part', async () => {
    const png = await distinctPng(5);
    const before = await documents();
    const chunks = [partHeader('files', 'short.png'), png.subarray(0, 50)];
    const half = await rawUpload(port, token, chunks, { contentLength: 10_000, close: 'end' });
    // The client half-closed its side: the server may answer 400 or only close; it must never crash or store.
    if (half.status !== null) expect(half.status).toBe(400);
    await rawUpload(port, token, chunks, { contentLength: 10_000, close: 'destroy' });
    await rawUpload(port, token, [partHeader('files', 'a.png'), png, '\r\n', partHeader('files', 'b.png'), png.subarray(0, 9)], {
      contentLength: 50_000,
      close: 'destroy',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await documents()).toBe(before);
    await stillServes(103);
  });

  it('keeps other uploads in flight going while broken requests arrive', async () => {
    const png = await distinctPng(6);
    const broken = Array.from({ length: 6 }, (_, i) =>
      rawUpload(
        port,
        token,
        [partHeader('files', `b${i}.png`), png.subarray(0, 25)],
        i % 2 ? { chunked: true, close: 'end' } : { contentLength: 9_999, close: 'destroy' },
      ),
    );
    const good = Promise.all([stillServes(104), stillServes(105), stillServes(106)]);
    await Promise.all([...broken, good]);
    await stillServes(107);
  });
});
