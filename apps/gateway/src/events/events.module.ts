import { Module } from '@nestjs/common';
import { JobStatusFeedService } from './job-status-feed.service.js';

/** The gateway's one subscription to job status events, shared by the SSE routes and the upload that announces a job. */
@Module({
  providers: [JobStatusFeedService],
  exports: [JobStatusFeedService],
})
export class EventsModule {}
