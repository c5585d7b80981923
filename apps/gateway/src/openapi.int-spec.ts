import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv } from 'ajv';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH } from './openapi/openapi.setup.js';
import { distinctPng, login, startGateway, testGatewayConfig } from './testing/gateway.harness.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: { name: string }[] };
}

/** `app.all()` (Nest's middleware mounts; the gateway has no `@All()` route) registers the path for every method. */
const isEveryMethod = (methods: Record<string, boolean>) => METHODS.every((method) => methods[method]);

/**
 * Every `METHOD /path` the running Express app answers, read from its router (OpenAPI path syntax).
 * Skipped: Nest's middleware mounts (registered with `app.all`, every handle named `handler`), which
 * answer nothing themselves. Nest names its route handlers `Controller.method`.
 */
function servedRoutes(app: INestApplication): Set<string> {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route || layer.route.stack.every((handle) => handle.name === 'handler') || isEveryMethod(layer.route.methods)) continue;
    for (const path of [layer.route.path].flat()) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return routes;
}

/** The routes that serve the documentation itself: not part of the API, so not in the document. */
const docsRoutes = (routes: Set<string>) => [...routes].filter((route) => route.split(' ')[1]!.startsWith(`/${OPENAPI_UI_PATH}`));

function documentedRoutes(document: OpenAPIObject): Map<string, OperationObject> {
  const operations = new Map<string, OperationObject>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }
  return operations;
}

/** OpenAPI 3.0 `nullable` as JSON Schema, so ajv can check answers and examples against the document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, example: _example, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (!nullable) return out;
  if (typeof out.type === 'string')
    return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) ? { enum: [...out.enum, null] } : {}) };
  return { anyOf: [out, { type: 'null' }] };
}

type Content = Record<string, { schema?: SchemaObject; example?: unknown; examples?: Record<string, { value: unknown }> }>;

describe('OpenAPI document (the real gateway)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prefix: string;
  let document: OpenAPIObject;
  let served: Set<string>;
  let documented: Map<string, OperationObject>;

  beforeAll(async () => {
    db = await createTestDatabase('openapi');
    prefix = uniqueQueuePrefix('openapi');
    app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }));
    const res = await request(app.getHttpServer()).get(`/${OPENAPI_JSON_PATH}`).expect(200).expect('content-type', /json/);
    document = res.body as OpenAPIObject;
    served = servedRoutes(app);
    for (const route of docsRoutes(served)) served.delete(route);
    documented = documentedRoutes(document);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it("passes Redocly's recommended OpenAPI rules, but for the operations that answer no client error and the login form's redirect", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), config });
    const found = problems.map((p) => `${p.ruleId} ${p.location.map((l) => l.pointer).join(', ')}`);
    // Logout always answers 204 (with or without a session cookie), liveness 200, readiness 200 or 503, metrics 200: no 4xx to declare.
    const noClientError = [
      ['/api/auth/logout', 'post'],
      ['/health/live', 'get'],
      ['/health/ready', 'get'],
      ['/metrics', 'get'],
    ].map(([path, method]) => `operation-4xx-response #/paths/${path!.replaceAll('/', '~1')}/${method}/responses`);
    // The HTML login form's post answers 303 (to the page asked for, or back to the login page), never 2xx.
    const redirectOnly = 'operation-2xx-response #/paths/~1api~1auth~1login-form/post/responses';
    expect(found).toEqual([redirectOnly, ...noClientError]);
  });

  it('keeps the docs routes apart', () => {
    expect(docsRoutes(servedRoutes(app)).sort()).toContain(`GET /${OPENAPI_JSON_PATH}`);
  });

  it('serves Swagger UI and the JSON without a token', async () => {
    const ui = await request(app.getHttpServer()).get(`/${OPENAPI_UI_PATH}`).redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    expect(document.openapi).toMatch(/^3\./);
  });

  it('reads a sane route list from the router', () => {
    // Guards the enumeration itself: an empty or broken list would make the comparison below vacuous.
    expect(served.size).toBeGreaterThanOrEqual(15);
    expect(served).toContain('POST /api/invoices');
    expect(served).toContain('GET /health/live');
  });

  it('documents every route the gateway serves, and no route it does not serve', () => {
    const undocumented = [...served].filter((route) => !documented.has(route)).sort();
    const phantom = [...documented.keys()].filter((route) => !served.has(route)).sort();
    expect({ undocumented, phantom }).toEqual({ undocumented: [], phantom: [] });
    // Left after the docs routes: Nest's controller routes only (no stray Express route).
    expect([...served].length).toBe(documented.size);
  });

  it('gives every operation a summary, a success answer, and the error shape for its errors', () => {
    for (const [route, operation] of documented) {
      expect({ route, summary: operation.summary }).toEqual({ route, summary: expect.any(String) });
      const statuses = Object.keys(operation.responses);
      const success = route === 'POST /api/auth/login-form' ? /^303$/ : /^2\d\d$/;
      expect({ route, success: statuses.some((s) => success.test(s)) }).toEqual({ route, success: true });
      for (const status of statuses.filter((s) => /^[45]\d\d$/.test(s))) {
        const schema = (operation.responses[status] as { content?: Record<string, { schema?: SchemaObject }> }).content?.[
          'application/json'
        ]?.schema;
        expect({ route, status, required: schema?.required }).toEqual({ route, status, required: ['statusCode', 'code', 'message'] });
      }
    }
  });

  it('needs the bearer token on every /api route except the login and browser-session routes; the rest are public', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['bearer']);
    const sessionRoutes = [
      'POST /api/auth/token',
      'POST /api/auth/session',
      'POST /api/auth/login-form',
      'POST /api/auth/refresh',
      'POST /api/auth/logout',
    ];
    for (const [route, operation] of documented) {
      const isPublic = sessionRoutes.includes(route) || !route.split(' ')[1]!.startsWith('/api/');
      expect({ route, security: operation.security ?? [] }).toEqual({ route, security: isPublic ? [] : [{ bearer: [] }] });
      if (!isPublic) expect({ route, has401: '401' in operation.responses }).toEqual({ route, has401: true });
    }
  });

  it('describes the JSON body of every route that validates one, with an example', () => {
    const withBody = [
      'POST /api/auth/token',
      'POST /api/users',
      'PATCH /api/invoices/{documentId}',
      'POST /api/webhooks',
      'PATCH /api/users/{userId}',
      'PUT /api/auth/password',
    ];
    for (const route of withBody) {
      const body = documented.get(route)?.requestBody as
        { content: Record<string, { schema: SchemaObject; examples?: object }> } | undefined;
      const json = body?.content['application/json'];
      const schema = json?.schema;
      expect({
        route,
        type: schema?.type,
        properties: Object.keys(schema?.properties ?? {}).length > 0,
        example: Object.keys(json?.examples ?? {}).length > 0,
      }).toEqual({
        route,
        type: 'object',
        properties: true,
        example: true,
      });
    }
    const login = (documented.get('POST /api/auth/token')!.requestBody as { content: Record<string, { schema: SchemaObject }> }).content[
      'application/json'
    ]!.schema;
    expect(login.required).toEqual(['username', 'password']);
    const correction = (
      documented.get('PATCH /api/invoices/{documentId}')!.requestBody as { content: Record<string, { schema: SchemaObject }> }
    ).content['application/json']!.schema;
    expect(correction.additionalProperties).toBe(false);
  });

  it('describes the upload as multipart/form-data with a binary files array', () => {
    const body = documented.get('POST /api/invoices')!.requestBody as { content: Record<string, { schema: SchemaObject }> };
    expect(Object.keys(body.content)).toEqual(['multipart/form-data']);
    expect(body.content['multipart/form-data']?.schema).toMatchObject({
      type: 'object',
      required: ['files'],
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
    });
    expect(Object.keys(documented.get('POST /api/invoices')!.responses)).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '413', '415']),
    );
  });

  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const errorsOf = (schema: SchemaObject | undefined, value: unknown) => {
    if (!schema) return ['no schema'];
    const validate = ajv.compile(toJsonSchema(schema) as object);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
  const responseSchema = (route: string, status: number) =>
    (documented.get(route)?.responses[String(status)] as { content?: Content } | undefined)?.content?.['application/json']?.schema;

  it('has examples that match their own schemas', () => {
    const mismatches: string[] = [];
    for (const [route, operation] of documented) {
      const contents: [string, Content | undefined][] = [
        ['body', (operation.requestBody as { content?: Content } | undefined)?.content],
        ...Object.entries(operation.responses).map(([status, response]): [string, Content | undefined] => [
          status,
          (response as { content?: Content }).content,
        ]),
      ];
      for (const [where, content] of contents) {
        const json = content?.['application/json'];
        if (!json) continue;
        const examples = [json.example, ...Object.values(json.examples ?? {}).map((e) => e.value)].filter((e) => e !== undefined);
        for (const example of examples) {
          for (const error of errorsOf(json.schema, example)) mismatches.push(`${route} ${where}: ${error}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('describes what the gateway really answers, success and errors', async () => {
    const http = request(app.getHttpServer());
    const token = await login(app, 'admin', 'admin');
    const auth = { authorization: `Bearer ${token}` };
    const checks: [string, number, () => Promise<{ status: number; body: unknown }>][] = [
      ['POST /api/auth/token', 200, () => http.post('/api/auth/token').send({ username: 'admin', password: 'admin' })],
      ['POST /api/auth/token', 400, () => http.post('/api/auth/token').send({ username: 'admin' })],
      ['POST /api/auth/token', 401, () => http.post('/api/auth/token').send({ username: 'admin', password: 'wrong' })],
      [
        'POST /api/users',
        201,
        () => http.post('/api/users').set(auth).send({ username: 'vera', password: 'viewer-password', role: 'viewer' }),
      ],
      [
        'POST /api/users',
        409,
        () => http.post('/api/users').set(auth).send({ username: 'vera', password: 'viewer-password', role: 'viewer' }),
      ],
      ['GET /api/users', 200, () => http.get('/api/users').set(auth)],
      ['GET /api/invoices', 401, () => http.get('/api/invoices')],
      ['GET /api/invoices', 200, () => http.get('/api/invoices').set(auth)],
      ['GET /api/invoices', 400, () => http.get('/api/invoices?limit=0').set(auth)],
      ['GET /api/jobs/{jobId}', 400, () => http.get('/api/jobs/nope').set(auth)],
      ['GET /api/jobs/{jobId}', 404, () => http.get('/api/jobs/00000000-0000-4000-8000-000000000000').set(auth)],
      ['GET /api/segments', 200, () => http.get('/api/segments').set(auth)],
      ['GET /api/segments/runs', 200, () => http.get('/api/segments/runs').set(auth)],
      ['GET /api/customers', 200, () => http.get('/api/customers').set(auth)],
      ['GET /api/customers/{customerKey}', 404, () => http.get('/api/customers/nobody').set(auth)],
      ['POST /api/segments/recompute', 202, () => http.post('/api/segments/recompute').set(auth)],
      ['GET /api/monitoring/summary', 200, () => http.get('/api/monitoring/summary').set(auth)],
      ['GET /api/monitoring/queues/{queue}/failed', 200, () => http.get('/api/monitoring/queues/ocr/failed').set(auth)],
      ['GET /api/monitoring/queues/{queue}/failed', 400, () => http.get('/api/monitoring/queues/nope/failed').set(auth)],
      [
        'POST /api/monitoring/queues/{queue}/jobs/{jobId}/retry',
        404,
        () => http.post('/api/monitoring/queues/ocr/jobs/nope/retry').set(auth),
      ],
      ['DELETE /api/monitoring/queues/{queue}/jobs/{jobId}', 400, () => http.delete('/api/monitoring/queues/ocr/jobs/a%20b').set(auth)],
      ['GET /api/jobs/{jobId}/events', 400, () => http.get('/api/jobs/nope/events').set(auth)],
      [
        'POST /api/webhooks',
        201,
        () =>
          http
            .post('/api/webhooks')
            .set(auth)
            .send({ url: 'https://erp.example.com/hooks', events: ['invoice.done'] }),
      ],
      ['POST /api/webhooks', 400, () => http.post('/api/webhooks').set(auth).send({ url: 'ftp://erp.example.com/hooks' })],
      ['GET /api/webhooks', 200, () => http.get('/api/webhooks').set(auth)],
      ['GET /api/webhooks/{webhookId}/deliveries', 400, () => http.get('/api/webhooks/nope/deliveries').set(auth)],
      ['DELETE /api/webhooks/{webhookId}', 404, () => http.delete('/api/webhooks/00000000-0000-4000-8000-000000000000').set(auth)],
      ['GET /api/analytics/overview', 200, () => http.get('/api/analytics/overview').set(auth)],
      ['GET /api/analytics/overview', 400, () => http.get('/api/analytics/overview?from=2026-02-01&to=2026-01-01').set(auth)],
      ['GET /api/invoices/{documentId}/file', 404, () => http.get('/api/invoices/00000000-0000-4000-8000-000000000000/file').set(auth)],
      ['GET /health/live', 200, () => http.get('/health/live')],
      ['GET /health/ready', 200, () => http.get('/health/ready')],
    ];
    const upload = await http
      .post('/api/invoices')
      .set(auth)
      .set('Idempotency-Key', 'openapi-1')
      .attach('files', await distinctPng(7), 'a.png');
    const { jobId, documentId } = upload.body.jobs[0];
    checks.push(
      ['POST /api/invoices', 202, async () => upload],
      [
        'POST /api/invoices',
        202,
        async () =>
          http
            .post('/api/invoices')
            .set(auth)
            .set('Idempotency-Key', 'openapi-1')
            .attach('files', await distinctPng(7), 'a.png'),
      ],
      [
        'POST /api/invoices',
        422,
        async () =>
          http
            .post('/api/invoices')
            .set(auth)
            .set('Idempotency-Key', 'openapi-1')
            .attach('files', await distinctPng(8), 'b.png'),
      ],
      ['GET /api/batches', 200, () => http.get('/api/batches').set(auth)],
      ['GET /api/batches', 400, () => http.get('/api/batches?limit=0').set(auth)],
      ['GET /api/batches/{batchId}', 200, () => http.get(`/api/batches/${upload.body.batchId}`).set(auth)],
      ['GET /api/batches/{batchId}', 404, () => http.get('/api/batches/00000000-0000-4000-8000-000000000000').set(auth)],
      ['GET /api/jobs/{jobId}', 200, () => http.get(`/api/jobs/${jobId}`).set(auth)],
      ['GET /api/invoices/{documentId}', 200, () => http.get(`/api/invoices/${documentId}`).set(auth)],
      ['PATCH /api/invoices/{documentId}', 409, () => http.patch(`/api/invoices/${documentId}`).set(auth).send({ total: 1 })],
      ['GET /api/invoices', 200, () => http.get('/api/invoices').set(auth)],
    );
    const webhook = await http.post('/api/webhooks').set(auth).send({ url: 'https://erp.example.com/other' });
    checks.push(['GET /api/webhooks/{webhookId}/deliveries', 200, () => http.get(`/api/webhooks/${webhook.body.id}/deliveries`).set(auth)]);
    const walt = await http.post('/api/users').set(auth).send({ username: 'walt', password: 'a long enough passphrase', role: 'viewer' });
    checks.push(
      ['POST /api/auth/token', 415, () => http.post('/api/auth/token').type('form').send('username=admin&password=admin')],
      ['PATCH /api/users/{userId}', 200, () => http.patch(`/api/users/${walt.body.id}`).set(auth).send({ role: 'uploader' })],
      [
        'PATCH /api/users/{userId}',
        404,
        () => http.patch('/api/users/00000000-0000-4000-8000-000000000000').set(auth).send({ active: false }),
      ],
      [
        'PUT /api/auth/password',
        400,
        () => http.put('/api/auth/password').set(auth).send({ currentPassword: 'wrong', newPassword: 'a long enough passphrase' }),
      ],
      ['POST /api/auth/logout-everywhere', 401, () => http.post('/api/auth/logout-everywhere')],
    );
    const mismatches: string[] = [];
    for (const [route, status, call] of checks) {
      const res = await call();
      if (res.status !== status) mismatches.push(`${route}: answered ${res.status}, expected ${status}`);
      else for (const error of errorsOf(responseSchema(route, status), res.body)) mismatches.push(`${route} ${status}: ${error}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('lists the query parameters of the list routes, from their zod schemas', () => {
    const names = (route: string) => (documented.get(route)!.parameters ?? []).map((p) => ('name' in p ? `${p.in}:${p.name}` : '')).sort();
    expect(names('GET /api/invoices')).toEqual([
      'query:cursor',
      'query:customer',
      'query:documentType',
      'query:from',
      'query:issuedFrom',
      'query:issuedTo',
      'query:limit',
      'query:maxTotal',
      'query:minTotal',
      'query:order',
      'query:q',
      'query:sort',
      'query:status',
      'query:to',
    ]);
    // The invoice's fields, from the zod schema of the answer (and the correction body's).
    const invoice = JSON.stringify(responseSchema('GET /api/invoices/{documentId}', 200));
    for (const field of ['documentType', 'vendorVatId', 'customerVatId', 'iban', 'orderNumber', 'amountDue', 'taxLines'])
      expect(invoice).toContain(`"${field}"`);
    expect(names('GET /api/analytics/overview')).toEqual(['query:from', 'query:to', 'query:top']);
    expect(names('GET /api/customers')).toEqual(['query:cursor', 'query:limit', 'query:rfmSegment', 'query:segment', 'query:sort']);
    expect(names('GET /api/batches')).toEqual(['query:cursor', 'query:limit']);
    expect(names('POST /api/invoices')).toEqual(['header:Idempotency-Key']);
    expect(names('GET /api/invoices/{documentId}')).toEqual(['path:documentId']);
    expect(names('GET /api/webhooks/{webhookId}/deliveries')).toEqual(['path:webhookId', 'query:cursor', 'query:limit']);
    expect(names('GET /api/jobs/{jobId}/events')).toEqual(['path:jobId', 'query:access_token']);
  });

  it('describes the event stream as text/event-stream, with the query token', () => {
    const stream = documented.get('GET /api/jobs/{jobId}/events')!;
    const ok = stream.responses['200'] as { content?: Record<string, { example?: string }> };
    expect(Object.keys(ok.content ?? {})).toEqual(['text/event-stream']);
    expect(ok.content!['text/event-stream']?.example).toMatch(/^data: \{/);
    expect(stream.description).toMatch(/access_token/);
    expect(stream.description).toMatch(/heartbeat/);
  });
});
