import type { LookupAddress, lookup as dnsLookup } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NO_ALLOWANCE, parseWebhookAllowance } from '@invoice/contracts';
import { guardedLookup, guardedPost } from './guarded.request.js';

/** A resolver that answers from a table, so no test ever asks real DNS or reaches a non-loopback address. */
const fakeDns = (table: Record<string, string[]>) =>
  ((hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  }) as unknown as typeof dnsLookup;

const lookupOnce = (lookup: ReturnType<typeof guardedLookup>, hostname: string, all: boolean) =>
  new Promise<{ error: Error | null; result: unknown }>((resolve) =>
    lookup(hostname, { all } as never, (error: Error | null, address: unknown, family?: number) =>
      resolve({ error, result: all ? address : { address, family } }),
    ),
  );

describe('guarded webhook lookup', () => {
  const dns = fakeDns({
    'erp.example.com': ['93.184.215.14'],
    'rebind.example.com': ['93.184.215.14', '127.0.0.1'],
    'meta.example.com': ['169.254.169.254'],
    'mapped.example.com': ['::ffff:10.0.0.1'],
    'erp.internal': ['10.1.2.3'],
  });

  it('hands the socket exactly the public addresses it checked', async () => {
    expect(await lookupOnce(guardedLookup(NO_ALLOWANCE, dns), 'erp.example.com', false)).toEqual({
      error: null,
      result: { address: '93.184.215.14', family: 4 },
    });
    expect(await lookupOnce(guardedLookup(NO_ALLOWANCE, dns), 'erp.example.com', true)).toEqual({
      error: null,
      result: [{ address: '93.184.215.14', family: 4 }],
    });
  });

  it.each([
    ['rebind.example.com', /127\.0\.0\.1.*loopback/],
    ['meta.example.com', /169\.254\.169\.254.*linkLocal/],
    ['mapped.example.com', /10\.0\.0\.1.*private/],
    ['erp.internal', /10\.1\.2\.3.*private/],
  ])('refuses %s, which resolves inward', async (host, message) => {
    const { error } = await lookupOnce(guardedLookup(NO_ALLOWANCE, dns), host, true);
    expect(error?.name).toBe('WebhookTargetRefused');
    expect(error?.message).toMatch(message);
  });

  it('accepts a host name or range listed as an exception', async () => {
    const { allowance } = parseWebhookAllowance(['erp.internal', '169.254.0.0/16']);
    expect((await lookupOnce(guardedLookup(allowance, dns), 'erp.internal', false)).error).toBeNull();
    expect((await lookupOnce(guardedLookup(allowance, dns), 'meta.example.com', false)).error).toBeNull();
    expect((await lookupOnce(guardedLookup(allowance, dns), 'rebind.example.com', false)).error?.name).toBe('WebhookTargetRefused');
  });
});

describe('guarded webhook POST (loopback receiver only)', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') return res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (url: string, allowed: string[], resolve?: typeof dnsLookup) =>
    guardedPost({
      url,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 2000,
      allowance: parseWebhookAllowance(allowed).allowance,
      resolve,
    });

  it('refuses loopback in every spelling before connecting, without the exception', async () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '0177.0.0.1', '[::ffff:127.0.0.1]']) {
      await expect(post(`http://${host}:${port}/a`, [])).rejects.toThrow(/loopback/);
    }
    // A name that resolves to loopback is refused at the connection.
    await expect(post(`http://receiver.test:${port}/b`, [], fakeDns({ 'receiver.test': ['127.0.0.1'] }))).rejects.toThrow(
      /receiver\.test resolves to 127\.0\.0\.1/,
    );
    expect(hits).toEqual([]);
  });

  it('delivers to the receiver the exception names, and answers a redirect as is', async () => {
    expect(await post(`http://127.0.0.1:${port}/ok`, ['127.0.0.1/32'])).toBe(204);
    expect(await post(`http://receiver.test:${port}/named`, ['127.0.0.1/32'], fakeDns({ 'receiver.test': ['127.0.0.1'] }))).toBe(204);
    expect(await post(`http://127.0.0.1:${port}/redirect`, ['127.0.0.1/32'])).toBe(302);
    expect(hits).toEqual(['/ok', '/named', '/redirect']);
  });
});
