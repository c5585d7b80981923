import { describe, expect, it } from '@jest/globals';
import { isDependencyUnavailable, isRefusedData } from './dependency.errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('dependency errors', () => {
  it('recognizes PostgreSQL and Redis that cannot be reached, also wrapped', () => {
    expect(isDependencyUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]))).toBe(true);
    expect(isDependencyUnavailable({ message: 'Query failed', driverError: withCode('the database system is starting up', '57P03') })).toBe(
      true,
    );
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyUnavailable(withCode('sorry, too many clients already', '53300'))).toBe(true);
    expect(isDependencyUnavailable(new Error('x', { cause: withCode('reset', 'ECONNRESET') }))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isDependencyUnavailable(new Error('connection to 10.0.0.5:5432 refused'))).toBe(false);
    expect(isDependencyUnavailable(withCode('duplicate key', '23505'))).toBe(false);
    expect(isDependencyUnavailable(null)).toBe(false);
    const loop: { cause?: unknown; message: string } = { message: 'loop' };
    loop.cause = loop;
    expect(isDependencyUnavailable(loop)).toBe(false);
  });

  it('recognizes values PostgreSQL refuses as data (SQLSTATE class 22)', () => {
    expect(isRefusedData({ driverError: withCode('date/time field value out of range: "2024-02-30"', '22008') })).toBe(true);
    expect(isRefusedData(withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021'))).toBe(true);
    expect(isRefusedData(withCode('invalid input syntax for type uuid', '22P02'))).toBe(true);
    expect(isRefusedData(withCode('deadlock detected', '40P01'))).toBe(false);
  });
});
