import { gatewayEnvSchema, loadConfig, type GatewayEnv } from '@invoice/config';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export type GatewayConfig = GatewayEnv;

/** Parses the environment once; throws (naming the variables) on bad values or on dev defaults in production. */
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(gatewayEnvSchema, env);
