/**
 * npm run bench:segmentation [-- --max 1000000]
 *
 * Inserts synthetic processed invoices directly (no OCR) for 10k, 100k and 1M invoices (about 10
 * per customer, with skewed buying habits; Postgres' random() seeded, so every run segments the same
 * data), then times a full segmentation run on each through the real service code, printing the
 * time of each stage (RFM aggregation in Postgres, clustering in process, storage of every
 * customer's scores), the ratio of the run to a plain GROUP BY of the same invoices measured just
 * before it (a reference that moves with the machine's load), and the memory: the process's peak
 * RSS in each stage (the kernel's high-water mark, reset between stages, so a peak inside the
 * synchronous clustering is not missed) and the V8 heap after it. Then the largest organization is
 * segmented once more by the built service in a process of its own, as deployed, whose peak RSS is
 * read the same way. Goal: 1M invoices in under 8 s, memory under 600 MB. The database and the Redis
 * keys (the hourly schedulers among them) are removed at the end. Needs Linux for the peaks.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { JOBS, QUEUES } from '@invoice/contracts';
import { redisConnectionFromUrl } from '@invoice/config';
import { createTestDatabase, deleteRedisPrefix, seedOrganization, startService, TEST_REDIS_URL, uniqueQueuePrefix } from '@invoice/testing';
import { createSegmentationService } from '../../apps/segmentation/src/bootstrap.js';
import { loadSegmentationConfig } from '../../apps/segmentation/src/config/segmentation.config.js';
import { SegmentationRunService, type RunStage } from '../../apps/segmentation/src/runs/segmentation-run.service.js';
import { firstOf, intOption, printTable, round } from './bench.support.js';
import { memoryNowMb, peakRssMb, resetPeakRss } from './memory.peak.js';

const max = intOption('max', 1_000_000);
const sizes = [10_000, 100_000, 1_000_000].filter((n) => n <= max);
const REFERENCE = '2025-01-01';

const db = await createTestDatabase('bench_segmentation');
const prefix = uniqueQueuePrefix('bench-seg');
const { config } = loadSegmentationConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: db.url, PORT: '0', QUEUE_PREFIX: prefix });
const service = await createSegmentationService(config);
const runs = service.get(SegmentationRunService);
const servicePrefix = uniqueQueuePrefix('bench-seg-process');
const rows: Record<string, string | number>[] = [];
const memoryRows: Record<string, string | number>[] = [];
const STAGES: readonly RunStage[] = ['aggregate', 'cluster', 'store'];
const harness = memoryNowMb();

try {
  let lastOrg = '';
  for (const invoices of sizes) {
    const customers = Math.round(invoices / 10);
    const org = await seedOrganization(db.dataSource, `Bench ${invoices}`);
    lastOrg = org;
    const insertStart = performance.now();
    const runner = db.dataSource.createQueryRunner();
    // One session, seeded: the same invoices on every run of the benchmark.
    await runner.query('SELECT setseed(0.42)');
    // Skewed habits: customer = floor(customers * u^2) (few heavy buyers), some customers only long ago.
    await runner.query(
      `INSERT INTO documents (id, organization_id, job_id, filename, mime_type, size_bytes, sha256, status, progress, completed_at)
       SELECT md5($1::text || g)::uuid, $1::uuid, md5('job' || $1::text || g)::uuid, 'bench.png', 'image/png', 1, md5($1::text || g) || md5(g::text), 'done', 100, now()
         FROM generate_series(1, $2) g`,
      [org, invoices],
    );
    await runner.query(
      `INSERT INTO invoices (id, document_id, organization_id, customer_key, issue_date, total, currency, issues, ocr_text, ocr_words,
                             ocr_confidence, ocr_duration_ms, engine_version)
       SELECT md5('inv' || $1::text || g)::uuid, md5($1::text || g)::uuid, $1::uuid, 'id:' || c, $4::date - d, round((exp(random() * 4) * 12)::numeric, 2), 'EUR',
              '[]', '', '[]', 90, 0, 'bench'
         FROM (SELECT g, floor($3 * power(random(), 2))::int AS c FROM generate_series(1, $2) g) s,
              LATERAL (SELECT CASE WHEN c % 4 = 0 THEN 365 + (random() * 365)::int ELSE (power(random(), 1 + c % 3) * 730)::int END AS d) dd`,
      [org, invoices, customers, REFERENCE],
    );
    await runner.query('ANALYZE documents; ANALYZE invoices');
    await runner.release();
    const insertSeconds = (performance.now() - insertStart) / 1000;
    const referenceStart = performance.now();
    await db.dataSource.query(
      `SELECT customer_key, max(issue_date), count(*), sum(total) FROM invoices WHERE organization_id = $1 GROUP BY customer_key`,
      [org],
    );
    const referenceSeconds = (performance.now() - referenceStart) / 1000;

    const before = memoryNowMb();
    resetPeakRss();
    const stageMemory: Partial<Record<RunStage, { peak: number; heap: number }>> = {};
    const start = performance.now();
    const outcome = await runs.run(org, 'manual', REFERENCE, (stage) => {
      stageMemory[stage] = { peak: peakRssMb(), heap: memoryNowMb().heap };
      resetPeakRss();
    });
    const seconds = (performance.now() - start) / 1000;
    const peakRss = Math.max(before.rss, ...Object.values(stageMemory).map((m) => m.peak));
    memoryRows.push({
      invoices,
      'RSS before MB': round(before.rss, 0),
      'heap before MB': round(before.heap, 0),
      ...Object.fromEntries(
        STAGES.flatMap((stage) => [
          [`${stage} peak MB`, round(stageMemory[stage]?.peak ?? 0, 0)],
          [`heap after ${stage} MB`, round(stageMemory[stage]?.heap ?? 0, 0)],
        ]),
      ),
    });
    const [run] = await db.dataSource.query(`SELECT k, silhouette, structure, customers, invoices FROM segmentation_runs WHERE id = $1`, [
      outcome.runId,
    ]);
    rows.push({
      invoices,
      customers: run.customers,
      k: run.k,
      silhouette: round(run.silhouette, 3),
      structure: run.structure,
      'run s': round(seconds, 2),
      'aggregate s': round((outcome.stages?.aggregateMs ?? 0) / 1000, 2),
      'cluster s': round((outcome.stages?.clusterMs ?? 0) / 1000, 2),
      'store s': round((outcome.stages?.storeMs ?? 0) / 1000, 2),
      'GROUP BY s': round(referenceSeconds, 2),
      'run / GROUP BY': round(seconds / referenceSeconds, 1),
      'vs 10k': rows.length ? round(seconds / Number(rows[0]!['run s']), 1) : 1,
      'peak RSS MB': round(peakRss, 0),
      'insert s': round(insertSeconds, 1),
    });
    console.log(`${invoices} invoices: run in ${round(seconds, 2)} s`);
  }
  console.log();
  printTable(rows);
  console.log(
    `\nMemory by stage (MB; the process held ${round(harness.rss, 0)} MB RSS, ${round(harness.heap, 0)} MB heap with the service started, before any data):`,
  );
  printTable(memoryRows);
  const last = rows.at(-1)!;
  const deployed = await serviceProcessRun(lastOrg);
  console.log(
    `\nThe built service in a process of its own (node apps/segmentation/dist/main.js, as deployed), one run of the ${last.invoices} invoices: ` +
      `${round(deployed.seconds, 2)} s, ${round(deployed.idleMb, 0)} MB RSS started and idle, peak RSS ${round(deployed.peakMb, 0)} MB (VmHWM, whole process).`,
  );
  console.log(
    `\nGoal: 1M invoices in under 8 s with memory under 600 MB; largest measured: ${last.invoices} invoices in ${last['run s']} s, peak RSS ${last['peak RSS MB']} MB (whole process, Nest included).`,
  );
} finally {
  await service.close();
  await db.drop();
  await deleteRedisPrefix(prefix);
  await deleteRedisPrefix(servicePrefix);
}

/**
 * One more run of an organization, by the built service started as its own process (its own queue
 * prefix, so the service in this process does not take the job): the memory of the service as it
 * runs in production, without the TypeScript loader (swc-node) this benchmark runs under.
 */
async function serviceProcessRun(organizationId: string): Promise<{ seconds: number; idleMb: number; peakMb: number }> {
  const child = await startService('segmentation', { DATABASE_URL: db.url, QUEUE_PREFIX: servicePrefix, LOG_LEVEL: 'warn' });
  const queue = new Queue(QUEUES.SEGMENTATION, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix: servicePrefix });
  const memory = (field: 'VmRSS' | 'VmHWM') =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  try {
    const idleMb = memory('VmRSS');
    const before = (await finishedRuns(organizationId)).length;
    const start = performance.now();
    await queue.add(JOBS.SEGMENTATION_RUN, { organizationId, trigger: 'manual', referenceDate: REFERENCE });
    let finished = await finishedRuns(organizationId);
    for (; finished.length === before; finished = await finishedRuns(organizationId))
      await new Promise((resolve) => setTimeout(resolve, 100));
    const run = firstOf(finished, 'finished run');
    if (run.status !== 'succeeded') throw new Error(`the service process's run ${run.status}: ${run.error}`);
    return { seconds: (performance.now() - start) / 1000, idleMb, peakMb: memory('VmHWM') };
  } finally {
    await queue.close();
    await child.stop();
  }
}

/** The organization's finished runs, the latest first. */
function finishedRuns(organizationId: string): Promise<{ status: string; error: string | null }[]> {
  return db.dataSource.query(
    `SELECT status, error FROM segmentation_runs WHERE organization_id = $1 AND status <> 'running' ORDER BY finished_at DESC`,
    [organizationId],
  );
}
