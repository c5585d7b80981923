import { describe, expect, it } from '@jest/globals';
import { probeAll } from './health.probe.js';

describe('probeAll', () => {
  it('reports each check, failing on errors and on timeouts', async () => {
    const report = await probeAll(
      {
        fine: async () => 1,
        broken: async () => {
          throw new Error('connection refused');
        },
        slow: () => new Promise((resolve) => setTimeout(resolve, 500)),
      },
      50,
    );
    expect(report).toEqual({
      ok: false,
      checks: { fine: 'up', broken: 'down: connection refused', slow: 'down: no answer within 50 ms' },
    });
    expect(await probeAll({ a: async () => 1 })).toEqual({ ok: true, checks: { a: 'up' } });
  });
});
