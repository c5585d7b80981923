import { loadConfig, workerEnvSchema, type WorkerEnv } from '@invoice/config';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export type WorkerConfig = WorkerEnv;

/** Parses the environment once; throws (naming the variables) on bad values or on dev defaults in production. */
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(workerEnvSchema, env);
