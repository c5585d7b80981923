import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  IDEMPOTENT_REPLAY_HEADER,
  InvoicePatchSchema,
  InvoiceListQuerySchema,
  InvoiceRejectSchema,
  InvoiceUndoSchema,
  type InvoiceReject,
  type InvoiceUndo,
  ReprocessRequestSchema,
  type InvoicePatch,
  type JobStatusResponse,
  type ReprocessRequest,
  type AuthUser,
  type InvoiceListQuery,
  type InvoiceListResponse,
  type InvoiceResponse,
  type UploadResponse,
} from '@invoice/contracts';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SUPPORTED_MIME_TYPES, uuidParam } from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { EXAMPLE_IDS, EXAMPLE_INVOICE, EXAMPLE_INVOICE_SUMMARY } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import {
  ApiErrors,
  InvoiceListResponseSchema,
  InvoiceResponseSchema,
  JobStatusResponseSchema,
  UploadResponseSchema,
} from '../openapi/response.schemas.js';
import { ApiMultipartFiles, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { InvoiceCorrectionsService } from './invoice-corrections.service.js';
import { InvoicesService } from './invoices.service.js';
import { parseIdempotencyKey } from './idempotency.service.js';
import { UPLOAD_FIELD } from './multipart.reader.js';
import { servedFile } from './file-disposition.js';
import { UploadService } from './upload.service.js';
import { ReprocessService } from './reprocess.service.js';
import { ReviewDecisionsService } from './review-decisions.service.js';

const documentIdParam = ApiParam({ name: 'documentId', format: 'uuid', example: EXAMPLE_IDS.documentId });

@ApiTags('invoices')
@ApiBearerAuth(BEARER)
@ApiErrors(401)
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly uploads: UploadService,
    private readonly invoices: InvoicesService,
    private readonly corrections: InvoiceCorrectionsService,
    private readonly reprocessing: ReprocessService,
    private readonly decisions: ReviewDecisionsService,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'uploader')
  @ApiOperation({
    summary: 'Upload invoices (admin, uploader)',
    description:
      'PNG, JPEG, TIFF, WebP, PDF or an e-invoice XML (CII: ZUGFeRD, Factur-X, XRechnung; UBL: Peppol BIS 3, XRechnung), sniffed from the bytes; hostile or malformed XML is refused. The request becomes a batch (batchId); each accepted file becomes a document and an OCR job; ' +
      'the same bytes again answer the first document with duplicate: true. Files are streamed one at a time into PostgreSQL. ' +
      `With an Idempotency-Key header, a retry of the same request answers the first answer again (header ${IDEMPOTENT_REPLAY_HEADER}: true) for 24 hours; ` +
      'the same key while the first request runs is a 409, with other files a 422.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any unique string (1-255 printable ASCII characters), e.g. a UUID per upload; kept 24 hours, per organization',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: '9b2f8d7e-upload-2026-03-02-0001' },
  })
  @ApiMultipartFiles(
    UPLOAD_FIELD,
    `One or more parts named "${UPLOAD_FIELD}" (at most MAX_FILES_PER_REQUEST, each at most MAX_UPLOAD_BYTES)`,
  )
  @ApiZodResponse(
    202,
    UploadResponseSchema,
    {
      batchId: EXAMPLE_IDS.batchId,
      jobs: [
        { jobId: EXAMPLE_IDS.jobId, documentId: EXAMPLE_IDS.documentId, filename: 'invoice-0042.png', status: 'queued', duplicate: false },
      ],
      rejected: [{ filename: 'notes.txt', code: 'UNSUPPORTED_TYPE', reason: 'Accepted types: PNG, JPEG, TIFF, WebP, PDF, e-invoice XML' }],
    },
    `Accepted: the batch, the jobs, and the files refused with their reason. A replayed answer carries the header ${IDEMPOTENT_REPLAY_HEADER}: true`,
  )
  @ApiErrors(400, 403, 409, 413, 415, 422)
  async upload(
    @CurrentUser() user: AuthUser,
    @Req() req: Request & { id?: string },
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<UploadResponse> {
    const answer = await this.uploads.upload(user, req, { requestId: req.id, idempotencyKey: parseIdempotencyKey(idempotencyKey) });
    if (answer.replayed) res.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
    res.status(answer.statusCode);
    return answer.body;
  }

  @Get()
  @ApiOperation({ summary: 'Invoices of the organization, newest first, by pages' })
  @ApiZodQuery(InvoiceListQuerySchema)
  @ApiZodResponse(200, InvoiceListResponseSchema, { items: [EXAMPLE_INVOICE_SUMMARY], nextCursor: null })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query({ schema: InvoiceListQuerySchema }) query: InvoiceListQuery): Promise<InvoiceListResponse> {
    return this.invoices.listInvoices(user.organizationId, query);
  }

  /** A person's corrections; answers the corrected invoice. */
  @Patch(':documentId')
  @Roles('admin', 'uploader')
  @ApiOperation({
    summary: 'Correct the fields and/or line items of an invoice (admin, uploader)',
    description:
      'Who changed what is recorded, the first extraction kept, the checks and the customer key recomputed. `done` when every check passes or `accept.reason` is given (recorded as `reviewAcceptance`); otherwise `needs_review` with `invoice.issues` listing the checks that still fail. 409 while the document has no extraction yet.',
  })
  @documentIdParam
  @ApiZodBody(
    InvoicePatchSchema,
    { customerName: 'Acme SARL', total: 1250.5 },
    'At least one field, or `accept: { reason }`; unknown fields are refused',
  )
  @ApiZodResponse(200, InvoiceResponseSchema, EXAMPLE_INVOICE, 'The corrected invoice')
  @ApiErrors(400, 403, 404, 409)
  async correct(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Body({ schema: InvoicePatchSchema }) body: InvoicePatch,
  ): Promise<InvoiceResponse> {
    await this.corrections.correct(user, documentId, body);
    return this.invoices.getInvoice(user.organizationId, documentId);
  }

  /** Takes an invoice out of review without accepting it; answers the invoice. */
  @Post(':documentId/reject')
  @HttpCode(200)
  @Roles('admin', 'uploader')
  @ApiOperation({
    summary: 'Reject an invoice, or mark it as not an invoice (admin, uploader)',
    description:
      'Status `rejected`, with `reviewRejection` (outcome, reason, who, when) on the invoice and a record in its corrections; it leaves the review queue and the analytics. A later correction or an undo brings it back. 409 while it is read again or when it is already rejected.',
  })
  @documentIdParam
  @ApiZodBody(
    InvoiceRejectSchema,
    { outcome: 'not_invoice', reason: 'A delivery note' },
    '`outcome` is `rejected` or `not_invoice`; `reason` is optional',
  )
  @ApiZodResponse(200, InvoiceResponseSchema, EXAMPLE_INVOICE, 'The rejected invoice')
  @ApiErrors(400, 403, 404, 409)
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Body({ schema: InvoiceRejectSchema }) body: InvoiceReject,
  ): Promise<InvoiceResponse> {
    await this.decisions.reject(user, documentId, body);
    return this.invoices.getInvoice(user.organizationId, documentId);
  }

  /** Undoes the invoice's latest save; answers the invoice as it was before it. */
  @Post(':documentId/undo')
  @HttpCode(200)
  @Roles('admin', 'uploader')
  @ApiOperation({
    summary: 'Undo the latest save of an invoice (admin, uploader)',
    description:
      'Sets back what the save named by `correctionId` changed: values, line items, status, acceptance or rejection, evidence and checks; recorded as a correction whose `undoOf` names it. Only the latest save of the invoice, by its author or an admin (403); 409 when a later save exists, the save is an undo, or the document is being read again.',
  })
  @documentIdParam
  @ApiZodBody(InvoiceUndoSchema, { correctionId: EXAMPLE_IDS.documentId }, 'The `id` of the save to undo (from `invoice.corrections`)')
  @ApiZodResponse(200, InvoiceResponseSchema, EXAMPLE_INVOICE, 'The invoice as it was before the save')
  @ApiErrors(400, 403, 404, 409)
  async undo(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Body({ schema: InvoiceUndoSchema }) body: InvoiceUndo,
  ): Promise<InvoiceResponse> {
    await this.decisions.undo(user, documentId, body.correctionId);
    return this.invoices.getInvoice(user.organizationId, documentId);
  }

  @Get(':documentId/file')
  @ApiOperation({
    summary: 'The original file as uploaded, with its sniffed type (the page image of the web app)',
    description:
      'Images (PNG, JPEG, TIFF, WebP) are served inline, anything else (PDF) as an attachment; always with X-Content-Type-Options: nosniff.',
  })
  @documentIdParam
  @ApiOkResponse({
    description: 'The stored bytes',
    content: Object.fromEntries(SUPPORTED_MIME_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiErrors(400, 404)
  async file(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { content, filename } = await this.invoices.getFile(user.organizationId, documentId);
    const served = await servedFile(content, filename);
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(content, { type: served.type, length: content.length, disposition: served.disposition });
  }

  @Get(':documentId/einvoice')
  @ApiOperation({
    summary: "The e-invoice XML the invoice was read from (a PDF's Factur-X / ZUGFeRD / XRechnung attachment, or the uploaded XML)",
    description:
      'Served as an attachment (application/xml) with X-Content-Type-Options: nosniff; 404 when the invoice was read from its page alone.',
  })
  @documentIdParam
  @ApiOkResponse({ description: 'The XML as received', content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 404)
  async einvoiceXml(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { content, filename } = await this.invoices.getEInvoiceXml(user.organizationId, documentId);
    res.setHeader('x-content-type-options', 'nosniff');
    const name = filename.replace(/[^\w.-]/g, '_').replace(/(\.xml)?$/i, '.xml');
    return new StreamableFile(content, { type: 'application/xml', length: content.length, disposition: `attachment; filename="${name}"` });
  }

  /** Queues the document again; its earlier invoice stays readable until the new result is stored. */
  @Post(':documentId/reprocess')
  @HttpCode(202)
  @Roles('admin', 'uploader')
  @ApiOperation({
    summary: 'Process a document again, optionally with other OCR settings (admin, uploader)',
    description:
      'A new job (new job id) is queued and the document goes back to queued; GET /api/invoices/:documentId keeps answering the earlier invoice until the new one is stored. 409 while a job for the document is still queued or processing.',
  })
  @documentIdParam
  @ApiZodBody(
    ReprocessRequestSchema,
    { psm: 6, textLayer: false, preprocessing: { deskew: true } },
    'Optional; an empty body keeps the worker defaults',
    false,
  )
  @ApiZodResponse(
    202,
    JobStatusResponseSchema,
    { jobId: EXAMPLE_IDS.jobId, documentId: EXAMPLE_IDS.documentId, status: 'queued', progress: 0, error: null },
    'The new job',
  )
  @ApiErrors(400, 403, 404, 409)
  reprocess(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Body({ schema: ReprocessRequestSchema }) body: ReprocessRequest,
    @Req() req: { id?: string },
  ): Promise<JobStatusResponse> {
    return this.reprocessing.reprocess(user, documentId, body, req.id);
  }

  @Get(':documentId')
  @ApiOperation({ summary: 'A document, its status and its extracted invoice' })
  @documentIdParam
  @ApiZodResponse(200, InvoiceResponseSchema, EXAMPLE_INVOICE)
  @ApiErrors(400, 404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
  ): Promise<InvoiceResponse> {
    return this.invoices.getInvoice(user.organizationId, documentId);
  }
}
