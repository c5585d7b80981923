export * from './test-database.js';
export * from './redis-cleanup.js';
export * from './seed.documents.js';
export * from './service.process.js';
export * from './text-pdf.js';
export * from './service.stack.js';
