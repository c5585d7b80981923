import { checkDevelopmentDefaults, parseEnv, varsOnDevDefaults, workerEnvSchema, type WorkerEnv } from '@invoice/config';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export type WorkerConfig = WorkerEnv;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): { config: WorkerConfig; warning: string | null } {
  const config = parseEnv(workerEnvSchema, env);
  const warning = checkDevelopmentDefaults(config.NODE_ENV, varsOnDevDefaults(config));
  return { config, warning };
}
