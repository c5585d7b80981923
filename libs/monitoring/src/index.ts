export * from './metrics.registry.js';
export * from './queue.gauges.js';
export * from './logger.params.js';
export * from './heartbeat.js';
export * from './histogram.quantile.js';
export * from './route.latency.js';
export * from './ops.server.js';
export * from './redis.client.js';
