import { DEV_DEFAULTS, gatewayEnvSchema, segmentationEnvSchema, sharedEnvSchema, workerEnvSchema } from '@invoice/config';
import ts from 'typescript';
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

/** Each app's zod schema: what it reads from its environment. */
export const ENV_SCHEMAS = {
  gateway: gatewayEnvSchema,
  'ocr-worker': workerEnvSchema,
  segmentation: segmentationEnvSchema,
  /** libs/database/dist/migrate.cli.js parses the shared schema. */
  migrate: sharedEnvSchema,
} as const;

function contract(schema: (typeof ENV_SCHEMAS)[keyof typeof ENV_SCHEMAS], listens: boolean): AppContract {
  const envKeys = new Set(Object.keys(schema.shape));
  return {
    envKeys,
    requiredInProduction: Object.keys(DEV_DEFAULTS).filter((name) => envKeys.has(name)),
    ...(listens ? { port: (schema.parse({}) as { PORT?: number }).PORT } : {}),
  };
}

export const APPS = {
  gateway: contract(ENV_SCHEMAS.gateway, true),
  'ocr-worker': contract(ENV_SCHEMAS['ocr-worker'], true),
  segmentation: contract(ENV_SCHEMAS.segmentation, true),
  migrate: contract(ENV_SCHEMAS.migrate, false),
} as const;
export type AppName = keyof typeof APPS;
/** The long-running processes: each has an image target, a compose service, a Deployment and a scrape job. */
export const SERVICES = ['gateway', 'ocr-worker', 'segmentation'] as const;
export type ServiceName = (typeof SERVICES)[number];

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
    // tsconfig files are JSON with comments: TypeScript's own reader parses them.
    const file = `${dir}/tsconfig.json`;
    const parsed = ts.parseConfigFileTextToJson(file, readText(file));
    if (parsed.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
    const tsconfig = parsed.config as { references?: { path: string }[] };
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
