import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '@invoice/testing';

function start(app: 'gateway' | 'ocr-worker' | 'migrate', env: Record<string, string>) {
  const entry = app === 'migrate' ? 'libs/database/dist/migrate.cli.js' : `apps/${app}/dist/main.js`;
  return spawnSync(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('start-up configuration checks (built entry points)', () => {
  it('refuses to start the gateway in production on development defaults, naming them', () => {
    const result = start('gateway', { NODE_ENV: 'production', PORT: '0' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'Refusing to start in production with development defaults for: DATABASE_URL, JWT_SECRET, ADMIN_PASSWORD',
    );
  });

  it('refuses to start the worker in production on the development database URL', () => {
    const result = start('ocr-worker', { NODE_ENV: 'production', PORT: '0' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('development defaults for: DATABASE_URL');
  });

  it('refuses to migrate in production on the development database URL', () => {
    const result = start('migrate', { NODE_ENV: 'production' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('development defaults for: DATABASE_URL');
  });

  it('fails fast on an invalid variable, naming it', () => {
    const result = start('gateway', { NODE_ENV: 'development', PORT: 'not-a-port', MAX_UPLOAD_BYTES: '-1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/PORT: .*\n.*MAX_UPLOAD_BYTES/);
  });
});
