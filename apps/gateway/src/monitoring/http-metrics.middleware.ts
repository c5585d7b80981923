import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { HttpMetrics } from '@invoice/monitoring';
import { HTTP_METRICS } from './metrics.providers.js';

/** Times every request, labelled by the route template (`/api/jobs/:jobId`), never the raw path. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_METRICS) private readonly metrics: HttpMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.duration.startTimer();
    this.metrics.inFlight.inc();
    res.once('close', () => {
      this.metrics.inFlight.dec();
      const template = (req.route as { path?: string } | undefined)?.path;
      const route = template ? `${req.baseUrl}${template}` : 'unmatched';
      stop({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  }
}
