import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrateDatabase } from '@invoice/database';

/** Server that integration tests create their own databases on. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh database with every migration applied, for one test file. `drop()` removes it. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `invoice_ocr_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${uniqueSuffix()}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const dataSource = createDataSource({ url: url.toString(), poolSize: 4, applicationName: 'invoice-ocr-test' });
  await dataSource.initialize();
  return {
    name,
    url: url.toString(),
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A BullMQ key prefix of its own, so tests never see each other's (or a developer's) jobs. */
export function uniqueQueuePrefix(label = 'test'): string {
  return `test-${label}-${uniqueSuffix()}`;
}
