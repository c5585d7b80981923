import { Controller, Get, Headers, Param, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { pageNumberParam, uuidParam, type AuthUser } from '@invoice/contracts';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import { EXAMPLE_IDS } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors } from '../openapi/response.schemas.js';
import { PageImagesService } from './page-images.service.js';

/** Whether an If-None-Match header names this ETag (a list, a weak form, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value === etag || value === `W/${etag}`;
  });
}

@ApiTags('invoices')
@ApiBearerAuth(BEARER)
@ApiErrors(401)
@Controller('invoices')
export class PagesController {
  constructor(private readonly pages: PageImagesService) {}

  @Get(':documentId/pages/:n')
  @ApiOperation({
    summary: "One page of a document as an image, with the pixel size of its word boxes (the web app's page viewer)",
    description:
      'PDF pages and TIFF frames are rendered once by the OCR worker when it reads the document (WebP); a PNG, JPEG or WebP upload is its own page 1. ' +
      'Headers: X-Page-Count (pages with an image), X-Page-Width and X-Page-Height (the pixel space of the OCR word boxes of that page, for rendered pages), ' +
      'ETag with Cache-Control: private, no-cache (If-None-Match answers 304). 404 for a page the document does not have, before the worker rendered it, or for a bare XML e-invoice (no page).',
  })
  @ApiParam({ name: 'documentId', format: 'uuid', example: EXAMPLE_IDS.documentId })
  @ApiParam({
    name: 'n',
    description: 'Page number, 1 for the first page',
    schema: { type: 'integer', minimum: 1, maximum: 10_000 },
    example: 1,
  })
  @ApiOkResponse({
    description: 'The page image',
    content: { 'image/webp': { schema: { type: 'string', format: 'binary' } }, 'image/png': {}, 'image/jpeg': {} },
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match)' })
  @ApiErrors(400, 404)
  async page(
    @CurrentUser() user: AuthUser,
    @Param('documentId', { schema: uuidParam('documentId') }) documentId: string,
    @Param('n', { schema: pageNumberParam('n') }) n: number,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    const head = await this.pages.page(user.organizationId, documentId, n, false);
    res.setHeader('cache-control', 'private, no-cache');
    res.setHeader('etag', head.etag);
    res.setHeader('x-page-count', String(head.pageCount));
    if (head.width !== null && head.height !== null) {
      res.setHeader('x-page-width', String(head.width));
      res.setHeader('x-page-height', String(head.height));
    }
    res.setHeader('x-content-type-options', 'nosniff');
    if (matchesEtag(ifNoneMatch, head.etag)) {
      res.status(304);
      return undefined;
    }
    const { content } = await this.pages.page(user.organizationId, documentId, n, true);
    return new StreamableFile(content!, { type: head.mimeType, length: content!.length, disposition: 'inline' });
  }
}
