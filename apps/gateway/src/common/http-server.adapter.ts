import { createServer, type ServerOptions } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway.config.js';

/**
 * Node's HTTP server limits for slow clients, from the config: the request head must arrive within
 * HTTP_HEADERS_TIMEOUT_MS and the whole request within HTTP_REQUEST_TIMEOUT_MS (else 408 and the
 * connection closes). Node checks them every `connectionsCheckingInterval`, so that is kept well under both.
 */
export function httpServerOptions(
  config: Pick<GatewayConfig, 'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'>,
): ServerOptions {
  const headersTimeout = Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS);
  return {
    headersTimeout,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 4))),
  };
}

/** Nest's Express adapter, whose HTTP server is created with the given options (Nest's own takes none). */
export class TimedExpressAdapter extends ExpressAdapter {
  constructor(private readonly serverOptions: ServerOptions) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    if (!options?.httpsOptions) this.httpServer = createServer(this.serverOptions, this.getInstance());
  }
}
