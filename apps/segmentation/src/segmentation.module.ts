import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { redisConnectionFromUrl } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { buildDataSourceOptions, pingDatabase } from '@invoice/database';
import { logFormat, loggerParams, OpsServerHost, RedisClient } from '@invoice/monitoring';
import { SEGMENTATION_CONFIG, type SegmentationConfig } from './config/segmentation.config.js';
import { METRICS_REGISTRY, metricsProviders } from './monitoring/metrics.providers.js';
import { ScheduleService } from './runs/schedule.service.js';
import { SegmentationRunService } from './runs/segmentation-run.service.js';
import { SegmentationProcessor } from './runs/segmentation.processor.js';

@Module({})
export class SegmentationModule {
  static forRoot(config: SegmentationConfig): DynamicModule {
    return {
      module: SegmentationModule,
      imports: [
        LoggerModule.forRoot(
          loggerParams('segmentation', config.LOG_LEVEL, logFormat(config.LOG_FORMAT, config.NODE_ENV, process.stdout.isTTY === true)),
        ),
        TypeOrmModule.forRoot(
          buildDataSourceOptions({ url: config.DATABASE_URL, applicationName: 'invoice-ocr-segmentation', poolSize: 4 }),
        ),
        BullModule.forRoot({ connection: redisConnectionFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue({ name: QUEUES.SEGMENTATION }),
      ],
      providers: [
        { provide: SEGMENTATION_CONFIG, useValue: config },
        { provide: RedisClient, useFactory: () => new RedisClient(config.REDIS_URL) },
        SegmentationRunService,
        SegmentationProcessor,
        ScheduleService,
        {
          // Health and metrics on the service's own port: it serves no API.
          provide: OpsServerHost,
          inject: [getDataSourceToken(), getQueueToken(QUEUES.SEGMENTATION), METRICS_REGISTRY],
          useFactory: (dataSource: DataSource, queue: Queue, registry: Registry) =>
            new OpsServerHost({
              port: config.PORT,
              registry,
              readiness: { postgres: () => pingDatabase(dataSource), redis: () => queue.getWaitingCount() },
            }),
        },
        ...metricsProviders,
      ],
    };
  }
}
