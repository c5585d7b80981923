import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { redisConnectionFromUrl, segmentationEnvSchema } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '@invoice/testing';
import { interpolate, parseEnvFile, parseYaml, readText, readYamlDocuments } from './repo-files.js';

interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: { template: { spec: { containers: { name: string; env?: { name: string; value?: string }[] }[] } } };
}

/** Every SEGMENTATION_CRON a deployment of this repository runs with: the code's default, compose with .env.example, k8s/. */
function configuredSchedules(): [string, string][] {
  const deployment = readYamlDocuments<Manifest>('k8s/segmentation.yaml').find((m) => m.kind === 'Deployment')!;
  const k8s = deployment.spec!.template.spec.containers.flatMap((c) => c.env ?? []).find((e) => e.name === 'SEGMENTATION_CRON')?.value;
  const envExample = parseEnvFile(readText('.env.example'));
  const sample = new Map(envExample);
  for (const name of ['POSTGRES_PASSWORD', 'JWT_SECRET', 'ADMIN_PASSWORD', 'GRAFANA_ADMIN_PASSWORD']) sample.set(name, 'sample');
  const compose = parseYaml<{ services: Record<string, { environment?: Record<string, string> }> }>(
    interpolate(readText('docker-compose.yml'), sample).text,
  );
  const fromCompose = compose.services.segmentation?.environment?.SEGMENTATION_CRON;
  const withoutEnvFile = parseYaml<typeof compose>(
    interpolate(readText('docker-compose.yml'), new Map([...sample].filter(([name]) => !name.startsWith('SEGMENTATION_')))).text,
  ).services.segmentation?.environment?.SEGMENTATION_CRON;
  return [
    ['code default', segmentationEnvSchema.parse({}).SEGMENTATION_CRON],
    ['k8s/segmentation.yaml', k8s!],
    ['docker-compose.yml with .env.example', fromCompose!],
    ['docker-compose.yml default (no SEGMENTATION_CRON in .env)', withoutEnvFile!],
  ];
}

/**
 * The segmentation service upserts a BullMQ job scheduler with SEGMENTATION_CRON at start (it
 * throws on a pattern BullMQ rejects), and monitoring/alerts.yml calls segmentation stale after 3
 * hours without a success. This checks, with BullMQ against a live Redis, that every schedule the
 * deployment files configure is accepted and ticks at least every hour, so the alert means several
 * missed runs, never a normal gap between two.
 */
describe('SEGMENTATION_CRON in the deployment files is a schedule BullMQ accepts, at least hourly (live Redis)', () => {
  const prefix = uniqueQueuePrefix('segcron');
  let queue: Queue;

  beforeAll(() => {
    queue = new Queue(QUEUES.SEGMENTATION, { prefix, connection: redisConnectionFromUrl(TEST_REDIS_URL) });
  });

  afterAll(async () => {
    await queue?.close();
    await deleteRedisPrefix(prefix);
  });

  it('finds the schedule in every file, valid for the service configuration', () => {
    for (const [source, pattern] of configuredSchedules()) {
      expect({ source, pattern: typeof pattern }).toEqual({ source, pattern: 'string' });
      expect(() => segmentationEnvSchema.parse({ SEGMENTATION_CRON: pattern })).not.toThrow();
    }
  });

  it.each(configuredSchedules())('%s: "%s" is accepted by BullMQ and ticks at least every hour', async (source, pattern) => {
    const id = `check-${source.replace(/\W+/g, '-')}`;
    // The next tick from now, then the one after it: the gap between two runs.
    const first = await queue.upsertJobScheduler(`${id}-1`, { pattern, tz: 'UTC' }, { name: 'check', data: {} });
    const next = (await queue.getJobScheduler(`${id}-1`))!.next!;
    await queue.upsertJobScheduler(`${id}-2`, { pattern, tz: 'UTC', startDate: next + 1 }, { name: 'check', data: {} });
    const following = (await queue.getJobScheduler(`${id}-2`))!.next!;
    expect(first).toBeDefined();
    expect(next).toBeGreaterThan(Date.now() - 1000);
    expect(following).toBeGreaterThan(next);
    expect(following - next).toBeLessThanOrEqual(3600 * 1000);
  });
});
