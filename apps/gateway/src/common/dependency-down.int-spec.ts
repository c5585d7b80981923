import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { distinctPng, login, startGateway, testGatewayConfig } from '../testing/gateway.harness.js';

/** A loopback TCP relay to PostgreSQL that the test can cut (every connection dropped, the port closed) and restore. */
class CuttableRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** PostgreSQL "goes down": open connections are reset and new ones refused. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('PostgreSQL unreachable: 503 with Retry-After on every route, nothing acknowledged that is not stored', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prefix: string;
  let relay: CuttableRelay;
  let token: string;
  let documentId: string;
  let jobId: string;

  beforeAll(async () => {
    db = await createTestDatabase('depdown');
    prefix = uniqueQueuePrefix('depdown');
    const direct = new URL(db.url);
    relay = new CuttableRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
    await relay.open();
    const viaRelay = new URL(db.url);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    app = await startGateway(testGatewayConfig({ DATABASE_URL: viaRelay.toString(), QUEUE_PREFIX: prefix }));
    token = await login(app, 'admin', 'admin');
    const upload = await request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${token}` })
      .attach('files', await distinctPng(1), 'a.png')
      .expect(202);
    ({ documentId, jobId } = upload.body.jobs[0]);
  });

  afterAll(async () => {
    await relay?.cut();
    await app?.close().catch(() => undefined);
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE with Retry-After on reads, login and uploads while PostgreSQL is down, and recovers', async () => {
    const http = () => request(app.getHttpServer());
    const auth = { authorization: `Bearer ${token}` };
    await relay.cut();

    const routes: [string, () => Promise<request.Response>][] = [
      ['list', () => http().get('/api/invoices').set(auth)],
      ['invoice', () => http().get(`/api/invoices/${documentId}`).set(auth)],
      ['file', () => http().get(`/api/invoices/${documentId}/file`).set(auth)],
      ['job', () => http().get(`/api/jobs/${jobId}`).set(auth)],
      ['batches', () => http().get('/api/batches').set(auth)],
      ['analytics', () => http().get('/api/analytics/overview').set(auth)],
      ['users', () => http().get('/api/users').set(auth)],
      ['correction', () => http().patch(`/api/invoices/${documentId}`).set(auth).send({ total: 12 })],
      ['login', () => http().post('/api/auth/token').send({ username: 'admin', password: 'admin' })],
      [
        'upload',
        async () =>
          http()
            .post('/api/invoices')
            .set(auth)
            .attach('files', await distinctPng(2), 'b.png'),
      ],
    ];
    for (const [route, send] of routes) {
      const res = await send();
      expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|terminated/);
    }
    await http().get('/health/ready').expect(503);

    // Nothing was stored from the refused upload (read directly, not through the relay).
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM documents`);
    expect(count).toBe(1);

    await relay.open();
    await http().get('/api/invoices').set(auth).expect(200);
  });
});
