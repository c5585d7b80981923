import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { QUEUES } from '@invoice/contracts';
import { createHttpMetrics, createRegistry, registerQueueGauges } from '@invoice/monitoring';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const HTTP_METRICS = Symbol('HTTP_METRICS');

export const metricsProviders: Provider[] = [
  {
    provide: METRICS_REGISTRY,
    inject: [getQueueToken(QUEUES.OCR)],
    useFactory: (ocrQueue: Queue) => {
      const registry = createRegistry('gateway');
      registerQueueGauges(registry, [ocrQueue]);
      return registry;
    },
  },
  { provide: HTTP_METRICS, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => createHttpMetrics(registry) },
];
