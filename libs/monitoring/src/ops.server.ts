import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { probeAll } from '@invoice/config';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The small HTTP server of a process that has no public API (OCR worker, segmentation): liveness,
 * readiness (every probe must answer) and Prometheus metrics. Nothing else is served.
 */
export async function startOpsServer(options: {
  port: number;
  registry: Registry;
  readiness: Record<string, () => Promise<unknown>>;
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { message: 'Only GET is served here' });
    switch (req.url) {
      case '/health/live':
        return send(200, { status: 'ok' });
      case '/health/ready':
        void probeAll(options.readiness).then(({ ok, checks }) => send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks }));
        return;
      case '/metrics':
        void options.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': options.registry.contentType });
            res.end(text);
          },
          (error: Error) => send(500, { message: `metrics failed: ${error.message}` }),
        );
        return;
      default:
        return send(404, { message: `Not found: ${req.url}` });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The ops server as an application provider: starts when the application has bootstrapped and
 * closes on shutdown (Nest calls these hooks on provider instances). Provide it with a factory.
 */
export class OpsServerHost {
  private server: OpsServer | undefined;

  constructor(private readonly options: Parameters<typeof startOpsServer>[0]) {}

  /** The bound port (useful with port 0 in tests). */
  get port(): number {
    return this.server?.port ?? this.options.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = await startOpsServer(this.options);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
