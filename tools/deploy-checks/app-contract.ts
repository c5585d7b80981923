import { DEV_DEFAULTS, gatewayEnvSchema, sharedEnvSchema, workerEnvSchema } from '@invoice/config';
import { readText } from './repo-files.js';

/** What the deployment files must agree with, read from the code wherever the code says it. */
export interface AppContract {
  /** Every environment variable the process reads (keys of its zod schema). */
  envKeys: Set<string>;
  /** Variables that NODE_ENV=production refuses to leave on their development defaults. */
  requiredInProduction: string[];
  /** HTTP port (schema default), for the apps that listen. */
  port?: number;
}

function contract(schema: typeof sharedEnvSchema | typeof gatewayEnvSchema | typeof workerEnvSchema, listens: boolean): AppContract {
  const envKeys = new Set(Object.keys(schema.shape));
  return {
    envKeys,
    requiredInProduction: Object.keys(DEV_DEFAULTS).filter((name) => envKeys.has(name)),
    ...(listens ? { port: (schema.parse({}) as { PORT?: number }).PORT } : {}),
  };
}

export const APPS = {
  gateway: contract(gatewayEnvSchema, true),
  'ocr-worker': contract(workerEnvSchema, true),
  /** libs/database/dist/migrate.cli.js parses the shared schema. */
  migrate: contract(sharedEnvSchema, false),
} as const;
export type AppName = keyof typeof APPS;

export const MIGRATE_COMMAND = ['node', 'libs/database/dist/migrate.cli.js'];
export const HEALTH = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** Workspace folders as package-lock.json lists them: exactly what `npm ci` will want to link. */
export function workspaces(): string[] {
  const lock = JSON.parse(readText('package-lock.json')) as { packages: Record<string, { link?: boolean }> };
  return Object.keys(lock.packages)
    .filter((key) => key !== '' && !key.includes('node_modules/'))
    .sort();
}

/** The libs an app needs at run time: the closure of its tsconfig project references. */
export function runtimeLibs(app: string): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    const tsconfig = JSON.parse(readText(`${dir}/tsconfig.json`)) as { references?: { path: string }[] };
    for (const { path } of tsconfig.references ?? []) {
      const lib = `libs/${path.split('/').filter(Boolean).at(-1)}`;
      if (!seen.has(lib)) {
        seen.add(lib);
        visit(lib);
      }
    }
  };
  visit(app);
  return [...seen].sort();
}
