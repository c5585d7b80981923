export * from './queues.js';
export * from './enums.js';
export * from './ocr.js';
export * from './invoice.js';
export * from './http.js';
export * from './errors.js';
export * from './batch.js';
export * from './analytics.js';
