import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { probeAll } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { METRICS_REGISTRY } from '../monitoring/metrics.providers.js';

/** The worker serves no public API: only this small server for health checks and Prometheus metrics. */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private server: Server | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.config.PORT;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'GET') return send(405, { message: 'Only GET is served here' });
      if (req.url === '/health/live') return send(200, { status: 'ok' });
      if (req.url === '/health/ready') {
        void probeAll({
          postgres: () => this.dataSource.query('SELECT 1'),
          redis: () => this.queue.getWaitingCount(),
        }).then(({ ok, checks }) => send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks }));
        return;
      }
      if (req.url === '/metrics') {
        void this.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': this.registry.contentType });
            res.end(text);
          },
          (error: Error) => send(500, { message: `metrics failed: ${error.message}` }),
        );
        return;
      }
      send(404, { message: `Not found: ${req.url}` });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.PORT, resolve);
    });
    this.logger.log(`Health server on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
