import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { QUEUES } from '@invoice/contracts';
import { createRegistry, createWorkerMetrics, registerQueueGauges, registerTesseractGauge } from '@invoice/monitoring';
import { OcrEngine } from '@invoice/ocr';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const WORKER_METRICS = Symbol('WORKER_METRICS');

export const metricsProviders: Provider[] = [
  {
    provide: METRICS_REGISTRY,
    inject: [getQueueToken(QUEUES.OCR), OcrEngine],
    useFactory: (ocrQueue: Queue, engine: OcrEngine) => {
      const registry = createRegistry('ocr-worker');
      registerQueueGauges(registry, [ocrQueue]);
      registerTesseractGauge(registry, () => engine.stats());
      return registry;
    },
  },
  { provide: WORKER_METRICS, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => createWorkerMetrics(registry) },
];
