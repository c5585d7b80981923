import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod, StandardSchemaValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { httpServerOptions, TimedExpressAdapter } from './common/http-server.adapter.js';
import { NulTextPipe } from './common/nul-text.pipe.js';
import { securityHeaders } from './common/security-headers.middleware.js';
import { inlineStyleSources, serveWebApp } from './common/web-app.static.js';
import type { GatewayConfig } from './config/gateway.config.js';
import { setupOpenApi } from './openapi/openapi.setup.js';

/** Where `npm run build` puts the web app (apps/web/dist), from either apps/gateway/dist or apps/gateway/src. */
export const WEB_DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

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
  const webDir = options.webDir ?? WEB_DIST_DIR;
  app.use(securityHeaders({ inlineStyles: inlineStyleSources(webDir) }));
  app.enableShutdownHooks();
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
