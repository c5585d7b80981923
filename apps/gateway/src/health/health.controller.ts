import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { probeAll } from '@invoice/config';
import { DomainError, QUEUES } from '@invoice/contracts';
import { pingDatabase } from '@invoice/database';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { ApiErrors, HealthResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodResponse } from '../openapi/zod-openapi.js';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly queue: Queue,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness (no token)' })
  @ApiZodResponse(200, HealthResponseSchema, { status: 'ok' })
  live() {
    return { status: 'ok' };
  }

  /** Ready when Postgres and Redis both answer within a second. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer (no token)' })
  @ApiZodResponse(200, HealthResponseSchema, { status: 'ok', checks: { postgres: 'up', redis: 'up' } })
  @ApiErrors(503)
  async ready() {
    const { ok, checks } = await probeAll({
      postgres: () => pingDatabase(this.dataSource),
      redis: () => this.queue.getWaitingCount(),
    });
    if (!ok) throw new DomainError('DEPENDENCY_UNAVAILABLE', 'Not ready: a dependency is down', { checks });
    return { status: 'ok', checks };
  }
}
