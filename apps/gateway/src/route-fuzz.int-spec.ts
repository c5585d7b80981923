import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, ParameterObject, SchemaObject } from '@nestjs/swagger';
import fc from 'fast-check';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { OPENAPI_JSON_PATH } from './openapi/openapi.setup.js';
import { distinctPng, login, startGateway, testGatewayConfig, userToken } from './testing/gateway.harness.js';

/*
 * Property-based fuzzing of every route in the OpenAPI document against the real gateway, PostgreSQL and
 * Redis: hostile path parameters, queries, bodies and headers must never get a 5xx. Bounded by a run count
 * and a time budget per route (FUZZ_RUNS, FUZZ_ROUTE_MS) so the whole file takes about a minute.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const ROUTE_BUDGET_MS = Number(process.env.FUZZ_ROUTE_MS ?? 1_500);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Values that broke or could break a parser, a cast or a query: impossible dates, NUL, huge numbers, bad UUIDs. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '2024-02-30',
    '2023-02-29',
    '0000-00-00',
    '0000-01-01',
    '99999-01-01',
    '2024-13-45',
    '-2024-01-01',
    '2024-1-1',
    'nul\u0000byte',
    '\u0000',
    "' OR 1=1 --",
    '%',
    '%00',
    '%E0%A4%A',
    '..',
    '../../etc/passwd',
    '',
    ' ',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1',
    '0',
    '1.5',
    '99999999999999999999999',
    '0x10',
    '[]',
    '{}',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-fffffffffffg',
    'not-a-uuid',
    'id:1',
    'name:\u0000',
    'a'.repeat(10_000),
    '\uD800',
    '\uFFFF',
    'e\u0301',
    'true',
    'asc',
    'desc',
    'createdAt',
    'done',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid().map(String),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 10))),
  fc.integer().map(String),
  fc.double().map(String),
);

/** Raw path segments the HTTP client can send unencoded (no spaces or control characters). */
const rawSegment = fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '.', '%2e%2e', '%2F', 'a%00b', ';', '*');

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), hostileText, { maxKeys: 6 }),
);

const hostileHeader = fc.oneof(
  fc.constantFrom(
    '',
    'x'.repeat(4_000),
    'application/json; charset=utf-7',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'text/plain',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
);

function operations(document: OpenAPIObject): { method: string; path: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      path,
      operation: item[method] as OperationObject,
    })),
  );
}

/** Field names of the JSON body schema (resolving one $ref), so generated bodies reach the field validators. */
function bodyFields(document: OpenAPIObject, operation: OperationObject): string[] {
  const content = (operation.requestBody as { content?: Record<string, { schema?: SchemaObject & { $ref?: string } }> } | undefined)
    ?.content;
  let schema = content?.['application/json']?.schema;
  if (schema?.$ref) schema = document.components?.schemas?.[schema.$ref.split('/').pop()!] as SchemaObject | undefined;
  return Object.keys(schema?.properties ?? {});
}

/** A hostile request for one operation: every parameter gets a generated value, the body a generated JSON or multipart. */
function requestFor(
  document: OpenAPIObject,
  method: string,
  template: string,
  operation: OperationObject,
  token: string,
  knownIds: string[],
) {
  const params = (operation.parameters ?? []) as ParameterObject[];
  const pathNames = params.filter((p) => p.in === 'path').map((p) => p.name);
  const queryNames = params.filter((p) => p.in === 'query').map((p) => p.name);
  const fields = bodyFields(document, operation);
  const value = fc.oneof(hostileText, ...(knownIds.length ? [fc.constantFrom(...knownIds)] : []));
  const pathValue = fc.oneof({ weight: 4, arbitrary: value.map(encodeURIComponent) }, { weight: 1, arbitrary: rawSegment });
  const queryEntry = fc.tuple(fc.oneof(fc.constantFrom(...(queryNames.length ? queryNames : ['x'])), fc.string({ maxLength: 8 })), value);
  const fieldBody = fc.dictionary(fc.constantFrom(...(fields.length ? fields : ['x'])), fc.oneof(value, fc.jsonValue({ maxDepth: 2 })), {
    maxKeys: 4,
  });
  const body = fc.oneof(
    jsonBody.map((v) => JSON.stringify(v)),
    fieldBody.map((v) => JSON.stringify(v)),
    fc.constantFrom('{', '{"a":', '\u0000', '[]', 'null', '"x"', `{"lineItems":[{"description":"a\\u0000"}]}`),
  );
  const multipart = fc
    .tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.uint8Array({ maxLength: 64 }), fc.boolean())
    .map(([name, bytes, close]) => {
      const head = `--fz\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(close ? '\r\n--fz--\r\n' : '')]);
    });
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant(`Bearer ${token}`) },
    { weight: 1, arbitrary: hostileHeader.map((h) => `Bearer ${h}`) },
    { weight: 1, arbitrary: hostileHeader },
  );
  return fc
    .record({
      path: fc.tuple(...pathNames.map(() => pathValue)),
      query: fc.array(queryEntry, { maxLength: 4 }),
      auth,
      idempotencyKey: fc.option(hostileHeader, { nil: undefined }),
      contentType: fc.option(hostileHeader, { nil: undefined }),
      kind: fc.constantFrom('json', 'multipart', 'none'),
      json: body,
      multipart,
    })
    .map((r): FuzzRequest => {
      let path = template;
      pathNames.forEach((name, i) => (path = path.replace(`{${name}}`, r.path[i]!)));
      const query = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      const headers: Record<string, string> = { authorization: r.auth };
      if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
      let payload: Buffer | undefined;
      if (r.kind === 'json') {
        payload = Buffer.from(r.json);
        headers['content-type'] = r.contentType ?? 'application/json';
      } else if (r.kind === 'multipart') {
        payload = r.multipart;
        headers['content-type'] = r.contentType ?? 'multipart/form-data; boundary=fz';
      }
      return { method, path: query ? `${path}?${query}` : path, headers, body: payload };
    });
}

/** Sends one request over a raw connection and resolves with the status line only (streams are cut at once). */
function send(port: number, req: FuzzRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
    let client: ReturnType<typeof httpRequest>;
    try {
      client = httpRequest({
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers: { ...headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
        timeout: 15_000,
      });
    } catch (error) {
      // A value the HTTP client itself refuses to put on the wire is not the gateway's answer.
      return resolve(
        (error as { code?: string }).code === 'ERR_UNESCAPED_CHARACTERS' || (error as { code?: string }).code === 'ERR_INVALID_CHAR'
          ? 0
          : -1,
      );
    }
    client.on('response', (res) => {
      resolve(res.statusCode ?? -1);
      res.destroy();
    });
    client.on('timeout', () => client.destroy(new Error(`no answer to ${req.method} ${req.path} within 15 s`)));
    client.on('error', reject);
    client.end(req.body);
  });
}

describe('route fuzzing (every OpenAPI route, hostile values, real gateway + PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prefix: string;
  let port: number;
  let document: OpenAPIObject;
  let token: string;
  let revocableToken: string;
  const knownIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('fuzz');
    prefix = uniqueQueuePrefix('fuzz');
    app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    token = await login(app, 'admin', 'admin');
    revocableToken = await userToken(app, 'Fuzz organization', 'fuzz-revocable', 'viewer');
    document = (await request(app.getHttpServer()).get(`/${OPENAPI_JSON_PATH}`).expect(200)).body as OpenAPIObject;
    const upload = await request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${token}` })
      .attach('files', await distinctPng(7), 'a.png')
      .expect(202);
    knownIds.push(upload.body.batchId, upload.body.jobs[0].jobId, upload.body.jobs[0].documentId);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('walks the routes of the document (the fuzzing below covers what the gateway serves)', () => {
    const routes = operations(document).map((op) => `${op.method} ${op.path}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/invoices',
        'PATCH /api/invoices/{documentId}',
        'GET /api/analytics/overview',
        'POST /api/invoices',
      ]),
    );
  });

  it('answers the known samples with a 400 that names the field', async () => {
    const http = request(app.getHttpServer());
    const auth = { authorization: `Bearer ${token}` };
    const samples: [string, request.Test, RegExp][] = [
      ['GET /api/invoices?from=2024-02-30', http.get('/api/invoices?from=2024-02-30').set(auth), /from/],
      ['GET /api/invoices?to=0000-01-01', http.get('/api/invoices?to=0000-01-01').set(auth), /to/],
      ['GET /api/analytics/overview?from=2023-02-29', http.get('/api/analytics/overview?from=2023-02-29').set(auth), /from/],
      ['GET /api/invoices?q=acme%00', http.get('/api/invoices?q=acme%00').set(auth), /q/],
      ['GET /api/invoices?customer=%00', http.get('/api/invoices?customer=%00').set(auth), /customer/],
      ['GET /api/customers?segment=a%00b', http.get('/api/customers?segment=a%00b').set(auth), /segment/],
      ['GET /api/batches?cursor=%00', http.get('/api/batches?cursor=%00').set(auth), /cursor/],
      ['PATCH /api/invoices/3.6e-28', http.patch('/api/invoices/3.6e-28').set(auth).send({ total: 1 }), /documentId must be a UUID/],
      [
        'PATCH /api/invoices/:id issueDate',
        http.patch(`/api/invoices/${knownIds[2]}`).set(auth).send({ issueDate: '2024-02-30' }),
        /issueDate/,
      ],
      [
        'PATCH /api/invoices/:id lineItems',
        http
          .patch(`/api/invoices/${knownIds[2]}`)
          .set(auth)
          .send({ lineItems: [{ description: 'a\u0000' }] }),
        /lineItems/,
      ],
      ['GET /api/customers/id%3A%00', http.get('/api/customers/id%3A%00').set(auth), /customerKey/],
    ];
    for (const [label, req, field] of samples) {
      const res = await req;
      expect({ label, status: res.status, code: res.body.code }).toEqual({ label, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toMatch(field);
    }
  });

  it('answers no 5xx to hostile path parameters, queries, bodies and headers on any route', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const { method, path, operation } of operations(document)) {
      // "Log out everywhere" revokes the caller's tokens: it gets its own user, so the other routes keep a valid token.
      const callerToken = path === '/api/auth/logout-everywhere' ? revocableToken : token;
      await fc
        .assert(
          fc.asyncProperty(requestFor(document, method, path, operation, callerToken, knownIds), async (req) => {
            const status = await send(port, req);
            sent++;
            if (status >= 500 || status === -1)
              failures.push(
                `${status} ${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 200)} ${req.body?.toString('latin1').slice(0, 200) ?? ''}`,
              );
            return status < 500 && status !== -1;
          }),
          { numRuns: RUNS, interruptAfterTimeLimit: ROUTE_BUDGET_MS, markInterruptAsFailure: false, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(operations(document).length * 5);
    // The gateway still answers normally after the run.
    await request(app.getHttpServer())
      .get('/api/invoices')
      .set({ authorization: `Bearer ${token}` })
      .expect(200);
  });
});
