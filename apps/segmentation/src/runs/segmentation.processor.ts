import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JOBS, QUEUES, SegmentationJobPayloadSchema } from '@invoice/contracts';
import { SegmentationRunService, type RunOutcome } from './segmentation-run.service.js';

/** Thin: validates the job and runs the segmentation. One run at a time per process. */
@Processor(QUEUES.SEGMENTATION, { concurrency: 1 })
export class SegmentationProcessor extends WorkerHost {
  constructor(private readonly runs: SegmentationRunService) {
    super();
  }

  async process(job: Job): Promise<RunOutcome[]> {
    if (job.name !== JOBS.SEGMENTATION_RUN) throw new UnrecoverableError(`Unknown job name "${job.name}" on queue ${QUEUES.SEGMENTATION}`);
    const parsed = SegmentationJobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid segmentation job payload: ${parsed.error.message}`);
    return this.runs.handle(parsed.data);
  }
}
