import { checkDevelopmentDefaults, gatewayEnvSchema, parseEnv, varsOnDevDefaults, type GatewayEnv } from '@invoice/config';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export type GatewayConfig = GatewayEnv;

/** Parses the environment once; throws (naming the variables) on bad values or on dev defaults in production. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): { config: GatewayConfig; warning: string | null } {
  const config = parseEnv(gatewayEnvSchema, env);
  const warning = checkDevelopmentDefaults(config.NODE_ENV, varsOnDevDefaults(config));
  return { config, warning };
}
