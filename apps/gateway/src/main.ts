import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createGateway, listenGateway } from './bootstrap.js';
import { loadGatewayConfig } from './config/gateway.config.js';

const gatewayLogger = new Logger('Gateway');
const { config, warning } = loadGatewayConfig();
if (warning) gatewayLogger.warn(warning);
const app = await createGateway(config);
const url = await listenGateway(app, config);
const everywhere = config.HOST === '0.0.0.0' || config.HOST === '::' ? ' (every interface)' : '';
gatewayLogger.log(`Gateway listening on ${url}${everywhere} (API under /api)`);
