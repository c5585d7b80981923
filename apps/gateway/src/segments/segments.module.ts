import { Module } from '@nestjs/common';
import { SegmentsController } from './segments.controller.js';
import { SegmentsService } from './segments.service.js';

/** Customer segmentation runs: queued here, computed by the segmentation service. */
@Module({
  controllers: [SegmentsController],
  providers: [SegmentsService],
})
export class SegmentsModule {}
