import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { JobSseService } from './job-sse.service.js';
import { JobsController } from './jobs.controller.js';

/** A job's status, polled or followed as an SSE stream. */
@Module({
  imports: [EventsModule, InvoicesModule],
  controllers: [JobsController],
  providers: [JobSseService],
})
export class JobsModule {}
