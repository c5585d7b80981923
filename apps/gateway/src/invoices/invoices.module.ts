import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { IdempotencyService } from './idempotency.service.js';
import { InvoiceCorrectionsService } from './invoice-corrections.service.js';
import { InvoicesController } from './invoices.controller.js';
import { InvoicesService } from './invoices.service.js';
import { PageImagesService } from './page-images.service.js';
import { PagesController } from './pages.controller.js';
import { ReprocessService } from './reprocess.service.js';
import { ReviewDecisionsService } from './review-decisions.service.js';
import { UploadService } from './upload.service.js';
import { VendorTemplateLearningService } from './vendor-template-learning.service.js';

/** Uploads, invoices and their pages, corrections, review decisions and reprocessing. */
@Module({
  imports: [EventsModule],
  controllers: [InvoicesController, PagesController],
  providers: [
    UploadService,
    IdempotencyService,
    ReprocessService,
    InvoicesService,
    PageImagesService,
    InvoiceCorrectionsService,
    ReviewDecisionsService,
    VendorTemplateLearningService,
  ],
  exports: [InvoicesService],
})
export class InvoicesModule {}
