import { existsSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod, StandardSchemaValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { httpServerOptions, TimedExpressAdapter } from './common/http-server.adapter.js';
import { NulTextPipe } from './common/nul-text.pipe.js';
import { securityHeaders } from './common/security-headers.middleware.js';
import type { GatewayConfig } from './config/gateway.config.js';
import { setupOpenApi } from './openapi/openapi.setup.js';

/** Where `npm run build` puts the web app (apps/web/dist), from either apps/gateway/dist or apps/gateway/src. */
export const WEB_DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Paths the web app never answers: the API, its docs, health and metrics keep their own 404s. */
const NOT_WEB = /^\/(api|health|metrics)(\/|$)/;

/**
 * Serves the built web app at `/` (when it was built): its files, and index.html for any other GET
 * that asks for HTML (client-side routes such as /invoices/123), so a reload keeps the page.
 */
function serveWebApp(app: NestExpressApplication, webDir: string): void {
  const index = join(webDir, 'index.html');
  const assets = join(webDir, 'assets');
  // The build writes .br and .gz copies beside each text file; the one the client's Accept-Encoding
  // allows is sent (brotli first), with Vary: Accept-Encoding so caches keep the encodings apart.
  const files = expressStaticGzip(webDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      maxAge: '1h',
      setHeaders: (res: ServerResponse, path: string) => {
        // Vite fingerprints the assets: they never change under one name.
        if (path.startsWith(assets)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    },
  });
  // API, health and metrics requests skip the file lookup (a stat per request on the hottest routes).
  app.use((req: Request, res: Response, next: NextFunction): void => {
    if (NOT_WEB.test(req.path)) next();
    else void files(req, res, next);
  });
  app.use((req: { method: string; path: string; accepts: (type: string) => string | false }, res: { setHeader: (k: string, v: string) => void; sendFile: (path: string) => void }, next: () => void) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_WEB.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

/** Builds the gateway (without listening), so main and the tests start exactly the same app. */
export async function createGateway(config: GatewayConfig, options: { webDir?: string } = {}): Promise<INestApplication> {
  const adapter = new TimedExpressAdapter(httpServerOptions(config));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new NulTextPipe(), new StandardSchemaValidationPipe());
  app.useBodyParser('json', { limit: '1mb' });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.enableShutdownHooks();
  const webDir = options.webDir ?? WEB_DIST_DIR;
  if (existsSync(join(webDir, 'index.html'))) serveWebApp(app, webDir);
  setupOpenApi(app);
  return app;
}

/** The URL a listening server really answers on: its bound address and port (IPv6 in brackets, every-interface binds named as such). */
export function listeningUrl(address: AddressInfo | string | null): string {
  if (address === null) return 'not listening';
  if (typeof address === 'string') return `unix:${address}`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Listens on HOST:PORT and answers the URL the server really bound (PORT 0 = a free port). */
export async function listenGateway(app: INestApplication, config: Pick<GatewayConfig, 'HOST' | 'PORT'>): Promise<string> {
  await app.listen(config.PORT, config.HOST);
  return listeningUrl((app.getHttpServer() as Server).address());
}
