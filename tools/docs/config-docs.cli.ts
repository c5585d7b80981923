import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_REFERENCE_PATH, renderConfigReference } from './config-reference.generator.js';

// Writes docs/configuration.md from the environment schemas (npm run docs:config).
const target = join(process.cwd(), CONFIG_REFERENCE_PATH);
writeFileSync(target, renderConfigReference());
process.stdout.write(`wrote ${CONFIG_REFERENCE_PATH}\n`);
