import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HEARTBEAT_INTERVAL_MS, RedisClient, removeHeartbeat, writeHeartbeat, type WorkerMetrics } from '@invoice/monitoring';
import { OcrEngine } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { WORKER_METRICS } from './metrics.providers.js';

/** Announces this worker in Redis (a key with expiry): the monitoring summary lists live workers from it. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  readonly workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly startedAt = new Date().toISOString();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_METRICS) private readonly metrics: WorkerMetrics,
    private readonly engine: OcrEngine,
    private readonly client: RedisClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  async beat(): Promise<void> {
    const outcomes = (await this.metrics.invoices.get()).values;
    const count = (outcome: string) => outcomes.filter((v) => v.labels.outcome === outcome).reduce((sum, v) => sum + v.value, 0);
    const { busy, idle } = this.engine.stats();
    try {
      await writeHeartbeat(this.client.redis, this.config.QUEUE_PREFIX, {
        workerId: this.workerId,
        hostname: hostname(),
        pid: process.pid,
        startedAt: this.startedAt,
        lastSeen: new Date().toISOString(),
        concurrency: this.config.OCR_CONCURRENCY,
        busy,
        idle,
        processed: count('done') + count('needs_review'),
        failed: count('failed'),
      });
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'heartbeat not written');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await removeHeartbeat(this.client.redis, this.config.QUEUE_PREFIX, this.workerId).catch(() => undefined);
  }
}
