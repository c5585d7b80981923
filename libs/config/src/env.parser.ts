import { z } from 'zod';
import { varsOnDevDefaults } from './env.fragments.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once at boot. Throws a ConfigError whose message names every
 * offending variable, so a process fails fast with something a person can act on.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Development defaults are allowed only outside production. Given the variables that still hold
 * their development default, returns the warning to print, or throws in production.
 */
export function checkDevelopmentDefaults(nodeEnv: string, varsOnDefault: string[]): string | null {
  if (varsOnDefault.length === 0) return null;
  const list = varsOnDefault.join(', ');
  if (nodeEnv === 'production') {
    throw new ConfigError(`Refusing to start in production with development defaults for: ${list}. Set them in the environment.`);
  }
  return `Using development defaults for ${list}. Never use these outside local development (NODE_ENV=production refuses them).`;
}

/**
 * The one way a process reads its configuration: parse and validate the environment, and check
 * the development defaults (a warning to print, or a refusal in production).
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): { config: z.infer<S>; warning: string | null } {
  const config = parseEnv(schema, env);
  const { NODE_ENV = 'development' } = config as { NODE_ENV?: string };
  const warning = checkDevelopmentDefaults(NODE_ENV, varsOnDevDefaults(config as Record<string, unknown>));
  return { config, warning };
}
