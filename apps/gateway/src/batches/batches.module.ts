import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { BatchSseService } from './batch-sse.service.js';
import { BatchesController } from './batches.controller.js';
import { BatchesService } from './batches.service.js';

/** Batches of uploads: their listing, their state and their SSE stream. */
@Module({
  imports: [EventsModule],
  controllers: [BatchesController],
  providers: [BatchesService, BatchSseService],
})
export class BatchesModule {}
