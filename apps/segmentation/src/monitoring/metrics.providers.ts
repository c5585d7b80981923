import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { QUEUES } from '@invoice/contracts';
import { createRegistry, createSegmentationMetrics, registerQueueGauges } from '@invoice/monitoring';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const SEGMENTATION_METRICS = Symbol('SEGMENTATION_METRICS');

export const metricsProviders: Provider[] = [
  {
    provide: METRICS_REGISTRY,
    inject: [getQueueToken(QUEUES.SEGMENTATION)],
    useFactory: (queue: Queue) => {
      const registry = createRegistry('segmentation');
      registerQueueGauges(registry, [queue]);
      return registry;
    },
  },
  { provide: SEGMENTATION_METRICS, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => createSegmentationMetrics(registry) },
];
