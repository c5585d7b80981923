import { parseEnv, sharedEnvSchema } from '@invoice/config';
import { migrateDatabase } from './data-source.options.js';

const env = parseEnv(sharedEnvSchema);
const applied = await migrateDatabase(env.DATABASE_URL);
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
