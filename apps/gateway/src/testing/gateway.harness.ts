import { createHmac } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import type { Role } from '@invoice/contracts';
import { createGateway } from '../bootstrap.js';
import { loadGatewayConfig, type GatewayConfig } from '../config/gateway.config.js';
import { UsersService } from '../users/users.service.js';

export const TEST_JWT_SECRET = 'integration-test-secret-0123456789abcdef';

export function testGatewayConfig(overrides: Record<string, string>): GatewayConfig {
  return loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, PORT: '0', ...overrides }).config;
}

export async function startGateway(config: GatewayConfig): Promise<INestApplication> {
  const app = await createGateway(config);
  await app.init();
  return app;
}

export async function login(app: INestApplication, username: string, password: string): Promise<string> {
  const res = await request(app.getHttpServer()).post('/api/auth/token').send({ username, password }).expect(200);
  return res.body.access_token as string;
}

/** Creates a user (and its organization) directly through the service and returns a token for it. */
export async function userToken(app: INestApplication, organization: string, username: string, role: Role): Promise<string> {
  await app.get(UsersService).ensureUser(organization, username, 'password-123', role);
  return login(app, username, 'password-123');
}

/** A small PNG whose bytes differ per `n`, so each counts as a new document. */
export function distinctPng(n: number): Promise<Buffer> {
  return sharp({
    create: { width: 16 + (n % 200), height: 16 + Math.floor(n / 200), channels: 3, background: { r: n % 256, g: 80, b: 160 } },
  })
    .png()
    .toBuffer();
}

/** A hand-made HS256 (or unsigned) JWT, to check what the gateway refuses. */
export function handMadeToken(payload: object, secret: string | null): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = b64({ alg: secret ? 'HS256' : 'none', typ: 'JWT' });
  const body = b64(payload);
  const signature = secret ? createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url') : '';
  return `${header}.${body}.${signature}`;
}

/** A gateway on its own test database and queue prefix, with the bootstrapped admin logged in. */
export interface AdminGateway {
  db: TestDatabase;
  app: INestApplication;
  prefix: string;
  /** The admin's bearer token. */
  admin: string;
  /** The admin's organization id. */
  org: string;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startAdminGateway(label: string, overrides: Record<string, string> = {}): Promise<AdminGateway> {
  const db = await createTestDatabase(label);
  const prefix = uniqueQueuePrefix(label);
  const app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ...overrides }));
  const admin = await login(app, 'admin', 'admin');
  const [adminRow] = (await db.dataSource.query(`SELECT organization_id FROM users WHERE username = 'admin'`)) as {
    organization_id: string;
  }[];
  if (adminRow === undefined) throw new Error('startAdminGateway: the seeded admin user is missing');
  const org = adminRow.organization_id;
  const close = async () => {
    await app.close();
    await db.drop();
    await deleteRedisPrefix(prefix);
  };
  return { db, app, prefix, admin, org, http: request(app.getHttpServer()), close };
}
