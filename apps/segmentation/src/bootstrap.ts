import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { SegmentationConfig } from './config/segmentation.config.js';
import { SegmentationModule } from './segmentation.module.js';

/** The segmentation service: an application context (no HTTP API) consuming the segmentation queue. */
export async function createSegmentationService(config: SegmentationConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(SegmentationModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
