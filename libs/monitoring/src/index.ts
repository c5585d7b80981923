export * from './metrics.registry.js';
export * from './queue.gauges.js';
