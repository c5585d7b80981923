import { ConfigError, loadConfig, workerEnvSchema, type WorkerEnv } from '@invoice/config';
import { webhookTargetSettingProblems } from '@invoice/contracts';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export type WorkerConfig = WorkerEnv;

/** Parses the environment once; throws (naming the variables) on bad values, on dev defaults in production and on unsafe webhook target settings. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env) {
  const loaded = loadConfig(workerEnvSchema, env);
  const problems = webhookTargetSettingProblems(loaded.config);
  if (problems.length) throw new ConfigError(`Invalid environment configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return loaded;
}
