import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import {
  InvoiceCorrectionSchema,
  InvoiceListQuerySchema,
  type InvoiceCorrection,
  type AuthUser,
  type InvoiceListQuery,
  type InvoiceListResponse,
  type InvoiceResponse,
  type UploadResponse,
} from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { InvoiceCorrectionsService } from './invoice-corrections.service.js';
import { InvoicesService } from './invoices.service.js';
import { UploadInterceptor } from './upload.interceptor.js';
import { UploadService, type IncomingFile } from './upload.service.js';

@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly uploads: UploadService,
    private readonly invoices: InvoicesService,
    private readonly corrections: InvoiceCorrectionsService,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'uploader')
  @UseInterceptors(UploadInterceptor)
  upload(
    @CurrentUser() user: AuthUser,
    @UploadedFiles() files: IncomingFile[] | undefined,
    @Req() req: { id?: string },
  ): Promise<UploadResponse> {
    return this.uploads.upload(user, files ?? [], req.id);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query({ schema: InvoiceListQuerySchema }) query: InvoiceListQuery): Promise<InvoiceListResponse> {
    return this.invoices.listInvoices(user.organizationId, query);
  }

  /** A person's corrections; answers the corrected invoice. */
  @Patch(':documentId')
  @Roles('admin', 'uploader')
  async correct(
    @CurrentUser() user: AuthUser,
    @Param('documentId') documentId: string,
    @Body({ schema: InvoiceCorrectionSchema }) body: InvoiceCorrection,
  ): Promise<InvoiceResponse> {
    await this.corrections.correct(user, documentId, body);
    return this.invoices.getInvoice(user.organizationId, documentId);
  }

  @Get(':documentId')
  get(@CurrentUser() user: AuthUser, @Param('documentId') documentId: string): Promise<InvoiceResponse> {
    return this.invoices.getInvoice(user.organizationId, documentId);
  }
}
