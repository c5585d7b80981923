import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@invoice/contracts';
import { countPageImages, findOriginalContent, findPageImage, findPageSource } from '@invoice/database';

/** Uploads a browser shows as they are: page 1 of such a document is its original file. */
export const BROWSER_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** A bare XML e-invoice: no page, so no page image (the web app shows the e-invoice's fields instead). */
const XML_MIME_TYPE = 'application/xml';

/** A page image and what its headers say; `content` is absent when the caller asked for the headers only. */
export interface PageImage {
  mimeType: string;
  /** Size of the pixel space of the page's OCR word boxes, when known (rendered pages). */
  width: number | null;
  height: number | null;
  /** Quoted, for ETag / If-None-Match. */
  etag: string;
  pageCount: number;
  content?: Buffer;
}

/**
 * The page images of the web app's page viewer, organization-scoped (another organization's document is a
 * 404): the images the OCR worker rendered (PDF pages, TIFF frames), else, for a PNG, JPEG or WebP upload,
 * the original file as its one page. A bare XML e-invoice has none.
 */
@Injectable()
export class PageImagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(organizationId: string, documentId: string, pageNumber: number, withContent: boolean): Promise<PageImage> {
    const doc = await findPageSource(this.dataSource, organizationId, documentId);
    if (!doc) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
    const stored = await findPageImage(this.dataSource, organizationId, documentId, pageNumber, withContent);
    if (stored) {
      const { contentHash, ...rest } = stored;
      return { ...rest, etag: `"${contentHash}"` };
    }
    const rendered = await countPageImages(this.dataSource, organizationId, documentId);
    if (rendered === 0 && BROWSER_IMAGE_TYPES.has(doc.mimeType)) {
      if (pageNumber !== 1) throw new DomainError('NOT_FOUND', `Page ${pageNumber} not found: the document has 1 page`);
      return {
        mimeType: doc.mimeType,
        width: null,
        height: null,
        etag: `"${doc.sha256}"`,
        pageCount: 1,
        ...(withContent && { content: await this.original(organizationId, documentId) }),
      };
    }
    if (doc.mimeType === XML_MIME_TYPE)
      throw new DomainError('NOT_FOUND', `A bare XML e-invoice has no page image: its XML is at /api/invoices/${documentId}/einvoice`);
    if (rendered > 0)
      throw new DomainError('NOT_FOUND', `Page ${pageNumber} not found: the document has ${rendered} page${rendered === 1 ? '' : 's'}`);
    throw new DomainError(
      'NOT_FOUND',
      `Page ${pageNumber} has no image: the document is ${doc.status}, and its pages are rendered when the OCR worker reads it`,
    );
  }

  private async original(organizationId: string, documentId: string): Promise<Buffer> {
    const content = await findOriginalContent(this.dataSource, organizationId, documentId);
    if (!content) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
    return content;
  }
}
