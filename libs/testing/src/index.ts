export * from './test-database.js';
export * from './redis-cleanup.js';
