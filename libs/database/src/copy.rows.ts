import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';

export type CopyValue = string | number | null;

/**
 * One value in PostgreSQL's COPY text format: null is \N; backslash, tab, newline and carriage
 * return are escaped; numbers are written as JavaScript prints them (finite only).
 */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`copyField: non-finite number ${value}`);
    return String(value);
  }
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Lines of COPY text, a few thousand rows per chunk. */
function* copyLines(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    chunk += row.map(copyField).join('\t') + '\n';
    if (++count === 5000) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (chunk) yield chunk;
}

/**
 * Bulk-loads rows with COPY FROM STDIN (text format): the fastest way into PostgreSQL, several times
 * an INSERT of the same rows. `table` and `columns` are SQL identifiers written by the caller (never
 * user input). Runs on the manager's connection inside a transaction, else on a pooled connection.
 */
export async function copyRows(
  db: DataSource | EntityManager,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const manager = 'queryRunner' in db && db.queryRunner ? db : null;
  const runner = manager?.queryRunner ?? (db as DataSource).createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(copyLines(rows)), stream);
  } finally {
    if (!manager) await runner.release();
  }
}
