export * from './env.parser.js';
export * from './env.fragments.js';
export * from './health.probe.js';
