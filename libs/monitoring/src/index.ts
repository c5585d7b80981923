export * from './metrics.registry.js';
export * from './queue.gauges.js';
export * from './logger.params.js';
