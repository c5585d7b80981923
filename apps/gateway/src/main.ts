import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createGateway } from './bootstrap.js';
import { loadGatewayConfig } from './config/gateway.config.js';

const gatewayLogger = new Logger('Gateway');
const { config, warning } = loadGatewayConfig();
if (warning) gatewayLogger.warn(warning);
const app = await createGateway(config);
await app.listen(config.PORT);
gatewayLogger.log(`Gateway listening on http://127.0.0.1:${config.PORT} (API under /api)`);
