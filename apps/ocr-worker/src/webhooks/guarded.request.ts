import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, isAllowedWebhookHost, webhookUrlRefusal, type WebhookTargetAllowance } from '@invoice/contracts';

/** A delivery refused before any connection: the target is, or resolves to, an address webhooks may not reach. */
export class WebhookTargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

/**
 * A `lookup` for http.request that resolves the host name, refuses it when any of its addresses is one
 * webhooks may not reach, and hands the socket exactly the addresses it checked (so a DNS answer that
 * changes between a check and the connection, "rebinding", cannot slip an internal address in).
 */
export function guardedLookup(allowance: WebhookTargetAllowance, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      const addresses = found as unknown as LookupAddress[];
      if (error) return callback(error, '', 0);
      if (!isAllowedWebhookHost(hostname, allowance)) {
        for (const { address } of addresses) {
          const refusal = addressRefusal(address, allowance);
          if (refusal) return callback(new WebhookTargetRefused(`${hostname} resolves to ${address}: ${refusal}`), '', 0);
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new WebhookTargetRefused(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export interface GuardedPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowance: WebhookTargetAllowance;
  resolve?: typeof dnsLookup;
}

/**
 * POSTs to a webhook target and answers its status code. Refuses literal internal addresses before
 * connecting and internal resolved addresses at the connection; follows no redirect (a 3xx is the answer).
 */
export function guardedPost({ url, headers, body, timeoutMs, allowance, resolve }: GuardedPost): Promise<number> {
  const refusal = webhookUrlRefusal(url, allowance);
  if (refusal) return Promise.reject(new WebhookTargetRefused(refusal));
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise<number>((done, fail) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowance, resolve),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res: IncomingMessage) => {
        done(res.statusCode ?? 0);
        res.resume();
        res.on('error', () => undefined);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
