import { ConfigError, gatewayEnvSchema, loadConfig, type GatewayEnv } from '@invoice/config';
import { webhookTargetSettingProblems } from '@invoice/contracts';
import { productionSecretProblems } from '../auth/password.policy.js';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export type GatewayConfig = GatewayEnv;

/**
 * Parses the environment once; throws (naming the variables) on bad values, on dev defaults in production,
 * on unsafe webhook target settings, and in production on a short or low-entropy JWT_SECRET or ADMIN_PASSWORD.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const loaded = loadConfig(gatewayEnvSchema, env);
  const problems = webhookTargetSettingProblems(loaded.config);
  if (loaded.config.NODE_ENV === 'production') problems.push(...productionSecretProblems(loaded.config));
  if (problems.length) throw new ConfigError(`Invalid environment configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return loaded;
}
