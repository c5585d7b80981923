import { deleteRedisPrefix } from './redis-cleanup.js';
import { startService, type ServiceProcess } from './service.process.js';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from './test-database.js';

/** The built gateway with other services, each a process, on a database and a queue prefix of their own. */
export interface ServiceStack {
  db: TestDatabase;
  prefix: string;
  /** The environment every service got. */
  env: Record<string, string>;
  gateway: ServiceProcess;
  /** The gateway first, then the others in the order asked for. */
  services: ServiceProcess[];
  /** The gateway's address, `http://127.0.0.1:<port>`. */
  base: string;
  /** Stops every service, drops the database and removes the Redis keys. */
  close(): Promise<void>;
}

/**
 * Starts the built gateway, then `others`, on a new test database and queue prefix named after
 * `label`: one OCR job at a time, warnings only in the logs, a JWT secret of the stack's own, then `env`.
 */
export async function startServiceStack(
  label: string,
  others: readonly ('ocr-worker' | 'segmentation')[],
  env: Record<string, string> = {},
): Promise<ServiceStack> {
  const db = await createTestDatabase(label);
  const prefix = uniqueQueuePrefix(label);
  const stackEnv = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: `e2e-jwt-secret-for-${label}-0123456789abcdef`,
    OCR_CONCURRENCY: '1',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const services: ServiceProcess[] = [];
  const close = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await db.drop();
    await deleteRedisPrefix(prefix);
  };
  try {
    const gateway = await startService('gateway', stackEnv);
    services.push(gateway);
    for (const name of others) services.push(await startService(name, stackEnv));
    return { db, prefix, env: stackEnv, gateway, services, base: `http://127.0.0.1:${gateway.port}`, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The bootstrapped admin's bearer token from the gateway at `base`. */
export async function adminToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  if (!res.ok) throw new Error(`admin login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A JSON call to the gateway. */
export type GatewayJson = <T>(path: string, init?: RequestInit) => Promise<T>;

/** JSON calls to the gateway at `base` as `token` (a string body is sent as JSON); a non-2xx answer throws with the route and status. */
export function gatewayJson(base: string, token: string): GatewayJson {
  return async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    const res = await fetch(`${base}${path}`, { ...init, headers });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
