import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { WorkerConfig } from './config/worker.config.js';
import { WorkerModule } from './worker.module.js';

/** The OCR worker process: an application context (no HTTP API), consuming the OCR queue. */
export async function createWorker(config: WorkerConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
