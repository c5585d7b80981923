import { describe, expect, it } from '@jest/globals';
import { loadWorkerConfig } from './worker.config.js';

describe('worker configuration: webhook targets', () => {
  it('refuses webhook exceptions in production unless asked for on purpose', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.example.com:5432/invoices',
      WEBHOOK_ALLOWED_TARGETS: 'erp.internal',
    };
    expect(() => loadWorkerConfig(production)).toThrow(/WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION=true/);
    expect(loadWorkerConfig({ ...production, WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION: 'true' }).config.WEBHOOK_ALLOWED_TARGETS).toEqual([
      'erp.internal',
    ]);
  });

  it('reads a comma-separated list and names an unreadable entry', () => {
    expect(
      loadWorkerConfig({ NODE_ENV: 'test', WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32, erp.internal' }).config.WEBHOOK_ALLOWED_TARGETS,
    ).toEqual(['127.0.0.1/32', 'erp.internal']);
    expect(() => loadWorkerConfig({ NODE_ENV: 'test', WEBHOOK_ALLOWED_TARGETS: 'not a host' })).toThrow(
      /WEBHOOK_ALLOWED_TARGETS: "not a host"/,
    );
  });
});
