import { describe, expect, it } from '@jest/globals';
import { loadGatewayConfig } from './gateway.config.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.example.com:5432/invoices',
  JWT_SECRET: 'kV3q9Zr7XbT1mWc5Lp8Hs2Nd6Fy0Gj4Ae1Ru7Yo3Pi9',
  ADMIN_PASSWORD: 'ochre lantern drifting upstream',
};

const refusal = (env: Record<string, string>) => {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('gateway configuration in production', () => {
  it('starts with strong secrets', () => {
    expect(refusal(PRODUCTION)).toBeNull();
  });

  it.each([
    ['a JWT_SECRET of repeated characters', { JWT_SECRET: 'a'.repeat(48) }, /JWT_SECRET is low in entropy/],
    ['a JWT_SECRET that is a hex sequence', { JWT_SECRET: '0123456789abcdef0123456789abcdef' }, /JWT_SECRET is low in entropy/],
    ['a short ADMIN_PASSWORD', { ADMIN_PASSWORD: 'S3cret!' }, /ADMIN_PASSWORD: password must have at least 12 characters/],
    ['a common ADMIN_PASSWORD', { ADMIN_PASSWORD: 'qwerty123456' }, /ADMIN_PASSWORD: password is among the most common/],
    ['a predictable ADMIN_PASSWORD', { ADMIN_PASSWORD: 'aaaaaaaaaaaaaaaa' }, /ADMIN_PASSWORD: password is too easy to guess/],
  ])('refuses %s, naming the variable', (_what, change, message) => {
    expect(refusal({ ...PRODUCTION, ...change })).toMatch(message);
  });

  it('keeps the documented development login (admin/admin) outside production', () => {
    const { config, warning } = loadGatewayConfig({ NODE_ENV: 'development' });
    expect(config.ADMIN_PASSWORD).toBe('admin');
    expect(warning).toMatch(/ADMIN_PASSWORD/);
  });

  it('refuses webhook exceptions in production unless asked for on purpose, and unreadable entries anywhere', () => {
    expect(refusal({ ...PRODUCTION, WEBHOOK_ALLOWED_TARGETS: '10.0.0.0/8' })).toMatch(/WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION=true/);
    expect(refusal({ ...PRODUCTION, WEBHOOK_ALLOWED_TARGETS: '10.0.0.0/8', WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION: 'true' })).toBeNull();
    expect(refusal({ NODE_ENV: 'test', WEBHOOK_ALLOWED_TARGETS: '10.0.0.0/40' })).toMatch(
      /WEBHOOK_ALLOWED_TARGETS: "10.0.0.0\/40" is not a CIDR range/,
    );
  });

  it('makes the bootstrap admin the platform operator unless PLATFORM_OPERATORS says otherwise', () => {
    expect(loadGatewayConfig({}).config.PLATFORM_OPERATORS).toBeUndefined();
    expect(loadGatewayConfig({ PLATFORM_OPERATORS: '' }).config.PLATFORM_OPERATORS).toEqual([]);
    expect(loadGatewayConfig({ PLATFORM_OPERATORS: 'ops, noc' }).config.PLATFORM_OPERATORS).toEqual(['ops', 'noc']);
  });
});
