import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker } from 'bullmq';
import { redisConnectionFromUrl } from '@invoice/config';
import { ocrJob, ocrJobPriority, QUEUES } from '@invoice/contracts';
import { QUEUE_STATES } from '@invoice/monitoring';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '@invoice/testing';
import { parsePromql } from './promql.js';
import { readYamlDocuments } from './repo-files.js';

interface Manifest {
  kind: string;
  spec?: { triggers?: { type: string; metadata: Record<string, string> }[] };
}

/**
 * The KEDA ScaledObject scales the OCR workers on the queue gauge's states named in its query.
 * This checks, against a live Redis, that those states hold every OCR job queued the way the
 * gateway and the reconciler queue them (with the product's job options and fair-queueing
 * priorities), and that a job taken by a worker leaves them.
 */
describe('KEDA query in k8s/ counts every waiting OCR job (live Redis)', () => {
  const scaledObject = readYamlDocuments<Manifest>('k8s/ocr-worker.yaml').find((m) => m.kind === 'ScaledObject')!;
  const query = scaledObject.spec!.triggers!.find((t) => t.type === 'prometheus')!.metadata.query!;
  const stateMatcher = parsePromql(query).selectors[0]!.matchers.find((m) => m.label === 'state')!;
  const states = QUEUE_STATES.filter((state) => new RegExp(`^(?:${stateMatcher.value})$`).test(state));
  const prefix = uniqueQueuePrefix('keda');
  let queue: Queue;

  beforeAll(() => {
    queue = new Queue(QUEUES.OCR, { prefix, connection: redisConnectionFromUrl(TEST_REDIS_URL) });
  });

  afterAll(async () => {
    await queue?.close();
    await deleteRedisPrefix(prefix);
  });

  it('counts the jobs of an upload and of the reconciler, and only waiting ones', async () => {
    expect(stateMatcher.op).toBe('EqlRegex');
    expect(states).toEqual(expect.arrayContaining(['prioritized']));
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    // As the gateway queues an upload of three files (organization with nothing pending).
    await queue.addBulk(
      ids.map((jobId, index) =>
        ocrJob({ documentId: randomUUID(), organizationId: randomUUID(), jobId, priority: ocrJobPriority(0, index) }),
      ),
    );
    const counted = async () => Object.values(await queue.getJobCounts(...states)).reduce((sum, n) => sum + n, 0);
    expect(await counted()).toBe(ids.length);
    const all = await queue.getJobCounts(...QUEUE_STATES);
    expect(Object.values(all).reduce((sum, n) => sum + n, 0)).toBe(ids.length); // nowhere else

    // A job taken by a worker leaves the counted states (jobs in hand are not backlog).
    const token = randomUUID();
    const worker = new Worker(QUEUES.OCR, null, { prefix, connection: redisConnectionFromUrl(TEST_REDIS_URL), autorun: false });
    try {
      const taken = await worker.getNextJob(token);
      expect(ids).toContain(taken?.id);
      expect(await counted()).toBe(ids.length - 1);
    } finally {
      await worker.close(true);
    }
  });
});
