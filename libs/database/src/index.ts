export * from './entities/index.js';
export * from './entities/numeric.transformer.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './data-source.options.js';
export * from './segmentation.repository.js';
export * from './vendor-template.repository.js';
export * from './user.repository.js';
export * from './document.repository.js';
export * from './invoice-result.repository.js';
