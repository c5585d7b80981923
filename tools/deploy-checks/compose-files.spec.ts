import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { DEV_DEFAULTS, loadConfig } from '@invoice/config';
import { APPS, ENV_SCHEMAS, HEALTH, SERVICES, type AppName } from './app-contract.js';
import { dockerfileStages } from './dockerfile.js';
import { exists, interpolate, parseEnvFile, parseYaml, readText, readYaml } from './repo-files.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
  tmpfs?: string[];
  read_only?: boolean;
  healthcheck?: { test: string[] | string; interval?: string };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number | string; resources?: unknown };
  stop_grace_period?: string;
  container_name?: string;
  restart?: string;
}
interface ComposeFile {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeSource = readText('docker-compose.yml');
const envExample = parseEnvFile(readText('.env.example'));
/** Variables compose refuses to run without (`${VAR:?message}`). */
const requiredVars = new Set([...composeSource.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g)].map((m) => m[1]!));
/** Values a person would put in .env: what the file is checked with once interpolated. */
const sampleEnv = new Map(envExample);
for (const name of requiredVars) sampleEnv.set(name, `sample${name.toLowerCase().replace(/_/g, '')}0123456789abcdef0123456789`);

const raw = readYaml<ComposeFile>('docker-compose.yml');
const compose = parseYaml<ComposeFile>(interpolate(composeSource, sampleEnv).text, 'docker-compose.yml (interpolated)');
const APP_SERVICES: Record<AppName, string> = {
  gateway: 'gateway',
  'ocr-worker': 'ocr-worker',
  segmentation: 'segmentation',
  migrate: 'migrate',
};

/** "source:target[:mode]" of a short-syntax volume. */
function mount(spec: string): { source: string; target: string; mode?: string } {
  const [source, target, mode] = spec.split(':');
  return { source: source!, target: target!, ...(mode ? { mode } : {}) };
}
const durationSeconds = (value: string | undefined) => {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(value ?? '');
  return match ? Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) : NaN;
};

describe('docker-compose.yml against the Compose specification JSON schema', () => {
  const require = createRequire(import.meta.url);
  const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
  // The compose-spec schema (draft-07) as dclint ships it; its `$schema` spells the draft-07 URI
  // in a form Ajv does not know, so it is compiled as what it is: draft-07, Ajv's default.
  const { $schema, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $schema: string };
  expect($schema).toMatch(/draft-07/);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('is valid once interpolated the way `docker compose` does (values from .env.example)', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema validation is real: it rejects an unknown service key and a bad depends_on condition', () => {
    const broken = structuredClone(compose);
    (broken.services.gateway as Record<string, unknown>).helthcheck = {};
    broken.services['ocr-worker']!.depends_on!.migrate!.condition = 'service_finished';
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.message).join('\n')).toMatch(/additional properties|must be equal to one of the allowed values/);
  });

  it('refuses to start without the secrets of .env (compose `${VAR:?}`), and .env.example leaves them empty', () => {
    expect([...requiredVars].sort()).toEqual(['ADMIN_PASSWORD', 'GRAFANA_ADMIN_PASSWORD', 'JWT_SECRET', 'POSTGRES_PASSWORD']);
    expect(() => interpolate(composeSource, new Map())).toThrow(/is required/);
    expect(() => interpolate(composeSource, envExample)).toThrow(/is required/);
    for (const name of requiredVars) expect({ name, value: envExample.get(name) }).toEqual({ name, value: '' });
    // Every variable the file reads is documented in .env.example.
    const { referenced } = interpolate(composeSource, sampleEnv);
    expect([...referenced].filter((name) => !envExample.has(name))).toEqual([]);
  });
});

describe('.env.example', () => {
  it('holds no secret and no development default, and the real .env is git-ignored', () => {
    for (const [name, value] of envExample) {
      if (name in DEV_DEFAULTS) expect(value).not.toBe(DEV_DEFAULTS[name as keyof typeof DEV_DEFAULTS]);
      if (/PASSWORD|SECRET|TOKEN|KEY/.test(name)) expect({ name, value }).toEqual({ name, value: '' });
      // Nothing that looks generated (long hex/base64 runs).
      expect(value).not.toMatch(/[A-Za-z0-9+/]{24,}/);
    }
    expect(readText('.gitignore').split('\n')).toContain('.env');
    expect(exists('.env.example')).toBe(true);
  });
});

describe('docker-compose.yml runs the apps as they expect', () => {
  it('has the platform services, the segmentation service included', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'gateway',
      'grafana',
      'migrate',
      'ocr-worker',
      'postgres',
      'prometheus',
      'redis',
      'segmentation',
    ]);
  });

  it.each(Object.entries(APP_SERVICES))(
    '%s: only variables of its zod schema, production secrets from .env, a valid production config',
    (app, service) => {
      const contract = APPS[app as AppName];
      const rawEnv = raw.services[service]!.environment!;
      const env = Object.fromEntries(Object.entries(compose.services[service]!.environment!).map(([k, v]) => [k, String(v)]));
      expect(Object.keys(env).filter((name) => !contract.envKeys.has(name))).toEqual([]);
      expect(env.NODE_ENV).toBe('production');
      for (const name of contract.requiredInProduction) {
        const referenced = [...String(rawEnv[name]).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
        expect({ name, fromRequiredEnvFileSecret: referenced.some((v) => requiredVars.has(v) && envExample.has(v)) }).toEqual({
          name,
          fromRequiredEnvFileSecret: true,
        });
      }
      // With the values a person puts in .env, the app accepts its environment in production.
      const { config, warning } = loadConfig(ENV_SCHEMAS[app as AppName], env);
      expect(warning).toBeNull();
      expect((config as { DATABASE_URL: string }).DATABASE_URL).toMatch(/^postgres:\/\/[^:]+:[^@]+@postgres:5432\//);
      if (contract.port) expect((config as { PORT: number }).PORT).toBe(contract.port);
    },
  );

  it('builds each app from its own Dockerfile target', () => {
    const targets = new Set(dockerfileStages().map((stage) => stage.name));
    for (const service of Object.values(APP_SERVICES)) {
      const { build } = compose.services[service]!;
      expect(build).toMatchObject({ context: '.', dockerfile: 'Dockerfile', target: service });
      expect(targets.has(build!.target!)).toBe(true);
    }
  });

  it('starts in order: postgres and redis healthy, migrate completed, then the apps, then monitoring', () => {
    const { services } = compose;
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.migrate!.restart).toBe('no');
    for (const app of SERVICES) {
      expect(services[app]?.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    // Every service waited on for health has a health check, and the graph has no cycle.
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        if (condition === 'service_healthy')
          expect({ name, dependency, healthcheck: Boolean(services[dependency]!.healthcheck) }).toEqual({
            name,
            dependency,
            healthcheck: true,
          });
      }
    }
    const order: string[] = [];
    const visit = (name: string, path: string[]) => {
      if (path.includes(name)) throw new Error(`depends_on cycle: ${[...path, name].join(' -> ')}`);
      if (order.includes(name)) return;
      for (const dependency of Object.keys(services[name]!.depends_on ?? {})) visit(dependency, [...path, name]);
      order.push(name);
    };
    for (const name of Object.keys(services)) visit(name, []);
    for (const app of SERVICES) expect(order.indexOf('migrate')).toBeLessThan(order.indexOf(app));
  });

  it('postgres and redis keep their data, with health checks; redis appends to its log', () => {
    const { postgres, redis } = compose.services;
    expect(postgres!.image).toMatch(/^postgres:15/);
    expect(postgres!.volumes!.map(mount)).toContainEqual({ source: 'postgres-data', target: '/var/lib/postgresql/data' });
    expect(JSON.stringify(postgres!.healthcheck!.test)).toContain('pg_isready');
    expect(redis!.image).toMatch(/^redis:7/);
    expect((redis!.command as string[]).join(' ')).toMatch(/--appendonly yes/);
    expect(redis!.volumes!.map(mount)).toContainEqual({ source: 'redis-data', target: '/data' });
    expect(redis!.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['postgres-data', 'redis-data']));
  });

  it.each(SERVICES)('%s: health check on /health/live of its port, read-only root with a /tmp tmpfs', (app) => {
    const service = compose.services[app]!;
    const port = APPS[app].port!;
    expect(String(service.environment!.PORT)).toBe(String(port));
    expect((service.healthcheck!.test as string[]).join(' ')).toContain(`http://127.0.0.1:${port}${HEALTH.live}`);
    expect(service.read_only).toBe(true);
    expect(service.tmpfs).toEqual(['/tmp']);
  });

  it('ocr-worker: replicas from OCR_WORKER_REPLICAS with a default, no fixed name or host port, time to finish its job', () => {
    const worker = compose.services['ocr-worker']!;
    expect(raw.services['ocr-worker']?.deploy!.replicas).toMatch(/^\$\{OCR_WORKER_REPLICAS:-[1-9]\d*\}$/);
    expect(worker.deploy!.replicas).toBe(Number(envExample.get('OCR_WORKER_REPLICAS')));
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(durationSeconds(worker.stop_grace_period)).toBeGreaterThanOrEqual(60);
    expect(String(worker.environment!.OCR_CONCURRENCY)).toBe('1');
  });

  it('segmentation: replicas from SEGMENTATION_REPLICAS (one schedule whatever the count), no fixed name or host port, about 1 CPU and 1 GiB', () => {
    const segmentation = compose.services.segmentation!;
    expect(raw.services.segmentation!.deploy!.replicas).toMatch(/^\$\{SEGMENTATION_REPLICAS:-[1-9]\d*\}$/);
    expect(segmentation.deploy!.replicas).toBe(Number(envExample.get('SEGMENTATION_REPLICAS')));
    expect(segmentation.container_name).toBeUndefined();
    expect(segmentation.ports).toBeUndefined();
    expect(durationSeconds(segmentation.stop_grace_period)).toBeGreaterThanOrEqual(30);
    const { limits } = segmentation.deploy!.resources as { limits: { cpus: string; memory: string } };
    expect(Number(limits.cpus)).toBe(1);
    expect(limits.memory).toMatch(/^(1024M|1G)$/);
    // The schedule .env.example gives is one the service accepts (a cron pattern of 5 fields).
    expect(String(segmentation.environment!.SEGMENTATION_CRON).split(' ')).toHaveLength(5);
  });

  it('prometheus starts after the apps it scrapes', () => {
    const dependsOn = Object.keys(compose.services.prometheus!.depends_on ?? {});
    for (const app of SERVICES) expect(dependsOn).toContain(app);
  });

  it("prometheus: mounts monitoring/prometheus.yml and its rule file side by side, and scrapes the compose services on the apps' ports", () => {
    const prometheus = compose.services.prometheus!;
    const mounts = prometheus.volumes!.map(mount);
    const configFile = (prometheus.command as string[]).find((arg) => arg.startsWith('--config.file='))!.split('=')[1]!;
    expect(mounts).toContainEqual({ source: './monitoring/prometheus.yml', target: configFile, mode: 'ro' });
    const promConfig = readYaml<{
      rule_files: string[];
      scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; port: number }[] }[];
    }>('monitoring/prometheus.yml');
    for (const ruleFile of promConfig.rule_files) {
      expect(mounts).toContainEqual({
        source: `./monitoring/${ruleFile}`,
        target: path.posix.join(path.posix.dirname(configFile), ruleFile),
        mode: 'ro',
      });
    }
    for (const mounted of mounts.filter((m) => m.source.startsWith('./'))) expect(exists(mounted.source)).toBe(true);
    // Every app service is scraped, on its own port.
    const scraped = promConfig.scrape_configs.flatMap((job) => (job.dns_sd_configs ?? []).flatMap((sd) => sd.names));
    expect([...SERVICES].filter((app) => !scraped.includes(app))).toEqual([]);
    for (const job of promConfig.scrape_configs) {
      for (const sd of job.dns_sd_configs ?? []) {
        for (const name of sd.names) {
          expect(compose.services[name]).toBeDefined();
          expect(String(compose.services[name]?.environment!.PORT)).toBe(String(sd.port));
        }
      }
    }
    expect(prometheus.ports!.some((p) => p.endsWith(':9090'))).toBe(true);
  });

  it('grafana: provisioning and dashboards mounted where the provisioning files say, datasource on the prometheus service', () => {
    const mounts = compose.services.grafana!.volumes!.map(mount);
    expect(mounts).toContainEqual({ source: './monitoring/grafana/provisioning', target: '/etc/grafana/provisioning', mode: 'ro' });
    const provider = readYaml<{ providers: { options: { path: string } }[] }>('monitoring/grafana/provisioning/dashboards/invoice-ocr.yml');
    expect(mounts).toContainEqual({ source: './monitoring/grafana/dashboards', target: provider.providers[0]!.options.path, mode: 'ro' });
    const { datasources } = readYaml<{ datasources: { url: string }[] }>('monitoring/grafana/provisioning/datasources/prometheus.yml');
    const url = new URL(datasources[0]!.url);
    expect(compose.services[url.hostname]).toBeDefined();
    expect(compose.services[url.hostname]?.ports!.some((p) => p.endsWith(`:${url.port}`))).toBe(true);
    expect(compose.services.grafana!.environment!.GF_SECURITY_ADMIN_PASSWORD).toBe(sampleEnv.get('GRAFANA_ADMIN_PASSWORD'));
  });
});
