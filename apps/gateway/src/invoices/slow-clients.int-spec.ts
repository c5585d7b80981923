import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { listenGateway } from '../bootstrap.js';
import { distinctPng, startGateway, testGatewayConfig, userToken } from '../testing/gateway.harness.js';

interface Trickler {
  /** Everything the gateway sent back, once the connection closed. */
  closed: Promise<{ text: string; afterMs: number }>;
  answered: () => boolean;
  stop: () => void;
}

/**
 * A raw loopback client that sends `head` and then one byte of `drip` every `everyMs` (at most `maxDrips`
 * times), as a slow or hostile client would; it stops as soon as the gateway answers or hangs up.
 */
function trickle(port: number, head: string, drip: string, everyMs: number, maxDrips: number): Trickler {
  const started = Date.now();
  const socket: Socket = connect(port, '127.0.0.1');
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('error', () => undefined);
  socket.on('data', (chunk) => (text += chunk.toString('latin1')));
  socket.once('connect', () => {
    socket.write(head);
    let sent = 0;
    timer = setInterval(() => {
      if (text || socket.destroyed || sent >= maxDrips) return clearInterval(timer);
      socket.write(drip[sent % drip.length]!);
      sent++;
    }, everyMs);
  });
  const closed = new Promise<{ text: string; afterMs: number }>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ text, afterMs: Date.now() - started });
    }),
  );
  return { closed, answered: () => text.length > 0, stop: () => socket.destroy() };
}

const uploadHead = (token: string) =>
  'POST /api/invoices HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
  `Authorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=tb\r\nContent-Length: 100000\r\n\r\n` +
  '--tb\r\nContent-Disposition: form-data; name="files"; filename="slow.png"\r\nContent-Type: image/png\r\n\r\n';

describe('slow clients cannot hold the door (raw loopback sockets, real gateway, PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  const apps: INestApplication[] = [];
  const sockets: Trickler[] = [];

  /** One gateway per test (the previous one closed), each with its own limits. */
  const gateway = async (overrides: Record<string, string>) => {
    for (const socket of sockets.splice(0)) socket.stop();
    for (const previous of apps.splice(0)) await previous.close();
    const app = await startGateway(
      testGatewayConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        HOST: '127.0.0.1',
        UPLOAD_SLOTS: '4',
        UPLOAD_SLOTS_PER_ORGANIZATION: '2',
        ...overrides,
      }),
    );
    apps.push(app);
    const url = await listenGateway(app, { HOST: '127.0.0.1', PORT: 0 });
    return { app, port: Number(new URL(url).port), url };
  };
  const documentsOf = async (organization: string) =>
    Number(
      (
        await db.dataSource.query(
          `SELECT count(*)::int AS n FROM documents d JOIN organizations o ON o.id = d.organization_id WHERE o.name = $1`,
          [organization],
        )
      )[0].n,
    );

  beforeAll(async () => {
    db = await createTestDatabase('slowclients');
    prefix = uniqueQueuePrefix('slowclients');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.stop();
    for (const app of apps) await app.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('listens on HOST and tells the address it really bound', async () => {
    const { app, url, port } = await gateway({});
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(0);
    expect(app.getHttpServer().address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  });

  it("shares upload slots between organizations: five tricklers of one cannot keep another's upload waiting", async () => {
    // Stalls are not cut here (long UPLOAD_STALL_TIMEOUT_MS): only the fair sharing of slots lets B through.
    const { app, port } = await gateway({ UPLOAD_STALL_TIMEOUT_MS: '120000' });
    const a = await userToken(app, 'Trickling org', 'trickler', 'uploader');
    const b = await userToken(app, 'Patient org', 'patient', 'uploader');
    const tricklers = Array.from({ length: 5 }, () => trickle(port, uploadHead(a), 'x', 1_000, 60));
    sockets.push(...tricklers);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const started = Date.now();
    const res = await request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${b}` })
      .attach('files', await distinctPng(1), 'b.png')
      .timeout(15_000);
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The tricklers are all still open and unanswered: B did not get through because they were cut.
    expect(tricklers.map((t) => t.answered())).toEqual([false, false, false, false, false]);
    for (const t of tricklers) t.stop();
    await Promise.all(tricklers.map((t) => t.closed));
    expect(await documentsOf('Trickling org')).toBe(0);
  });

  it('cuts an upload that makes no progress with a 408, stores nothing of it and closes its connection', async () => {
    const { app, port } = await gateway({ UPLOAD_STALL_TIMEOUT_MS: '1500', UPLOAD_MIN_PROGRESS_BYTES: '1024' });
    const a = await userToken(app, 'Stalling org', 'staller', 'uploader');
    const tricklers = Array.from({ length: 3 }, () => trickle(port, uploadHead(a), 'x', 500, 60));
    sockets.push(...tricklers);
    const answers = await Promise.all(tricklers.map((t) => t.closed));
    for (const { text, afterMs } of answers) {
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(text).toContain('"code":"REQUEST_TIMEOUT"');
      expect(text).toContain('UPLOAD_STALL_TIMEOUT_MS');
      expect(afterMs).toBeLessThan(20_000);
    }
    expect(await documentsOf('Stalling org')).toBe(0);
    // A normal upload of the same organization goes through right after.
    await request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${a}` })
      .attach('files', await distinctPng(2), 'ok.png')
      .expect(202);
  });

  it('answers 408 and hangs up on a client that sends its headers too slowly', async () => {
    const { port } = await gateway({ HTTP_HEADERS_TIMEOUT_MS: '1500' });
    const slowloris = trickle(port, 'GET /api/invoices HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n', 300, 200);
    sockets.push(slowloris);
    const { text, afterMs } = await slowloris.closed;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeLessThan(10_000);
  });
});
