import { loadConfig, sharedEnvSchema } from '@invoice/config';
import { migrateDatabase } from './data-source.options.js';

const { config, warning } = loadConfig(sharedEnvSchema);
if (warning) console.warn(warning);
const applied = await migrateDatabase(config.DATABASE_URL);
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
