import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('createTestDatabase (all migrations applied)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('create every table and column the entities map, with the same types', async () => {
    // Constraints, checks and partial indexes live in the migrations only, so the schema
    // builder would drop them; what must never differ is a table or a column.
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    const structural = pending.upQueries
      .map((q) => q.query)
      .filter((q) => /CREATE TABLE|ADD COLUMN|ALTER COLUMN|DROP COLUMN|ADD "|DROP "/i.test(q))
      .filter((q) => !/DROP CONSTRAINT|DROP INDEX|ADD CONSTRAINT/i.test(q));
    expect(structural).toEqual([]);
  });

  it('give every stored table an organization column', async () => {
    const rows: { table_name: string }[] = await db.dataSource.query(
      `SELECT t.table_name FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_name NOT IN ('migrations', 'organizations')
          AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
                           WHERE c.table_name = t.table_name AND c.column_name = 'organization_id' AND c.is_nullable = 'NO')`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([]);
  });

  it('enforce one document per organization and content hash', async () => {
    const org = '11111111-1111-4111-8111-111111111111';
    await db.dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Org')`, [org]);
    const insert = (id: string, job: string) =>
      db.dataSource.query(
        `INSERT INTO documents (id, organization_id, job_id, filename, mime_type, size_bytes, sha256, status)
         VALUES ($1, $2, $3, 'a.png', 'image/png', 10, repeat('a', 64), 'queued')`,
        [id, org, job],
      );
    await insert('21111111-1111-4111-8111-111111111111', '31111111-1111-4111-8111-111111111111');
    await expect(insert('22222222-1111-4111-8111-111111111111', '32222222-1111-4111-8111-111111111111')).rejects.toThrow(
      /documents_organization_sha256_key/,
    );
  });
});
