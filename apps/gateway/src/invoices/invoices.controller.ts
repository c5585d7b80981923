import { Controller, Get, HttpCode, Param, Post, Query, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import {
  InvoiceListQuerySchema,
  type AuthUser,
  type InvoiceListQuery,
  type InvoiceListResponse,
  type InvoiceResponse,
  type UploadResponse,
} from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { InvoicesService } from './invoices.service.js';
import { UploadInterceptor } from './upload.interceptor.js';
import { UploadService, type IncomingFile } from './upload.service.js';

@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly uploads: UploadService,
    private readonly invoices: InvoicesService,
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

  @Get(':documentId')
  get(@CurrentUser() user: AuthUser, @Param('documentId') documentId: string): Promise<InvoiceResponse> {
    return this.invoices.getInvoice(user.organizationId, documentId);
  }
}
