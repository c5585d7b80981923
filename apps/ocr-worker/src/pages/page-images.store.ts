import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import sharp from 'sharp';
import { replacePageImages, type PageImageInput } from '@invoice/database';
import { OcrEngine, type PageImage } from '@invoice/ocr';

/** Longest side of a stored page image; larger pages are scaled down (their word-box space stays the page's). */
export const PAGE_IMAGE_MAX_SIDE = 2400;
export const PAGE_IMAGE_QUALITY = 80;
/** libwebp effort 1 of 0-6: a small fraction of the default effort 4 on a rendered page, for a file about 25% larger (npm run bench:page-images). */
export const PAGE_IMAGE_EFFORT = 1;

/** One page for the viewer: WebP, at most PAGE_IMAGE_MAX_SIDE pixels on its longer side. */
export async function encodePageImage(page: PageImage): Promise<PageImageInput> {
  const content = await sharp(page.png)
    .resize({ width: PAGE_IMAGE_MAX_SIDE, height: PAGE_IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: PAGE_IMAGE_QUALITY, effort: PAGE_IMAGE_EFFORT })
    .toBuffer();
  return {
    pageNumber: page.index + 1,
    mimeType: 'image/webp',
    width: page.width,
    height: page.height,
    contentHash: createHash('sha256').update(content).digest('hex').slice(0, 32),
    content,
  };
}

/**
 * Renders the pages of a PDF or TIFF once, when the worker reads the document, and stores them for the
 * web app's page viewer (`GET /api/invoices/:documentId/pages/:n`), replacing earlier ones. A page that
 * cannot be rendered leaves the document without page images: the OCR result does not depend on them.
 */
@Injectable()
export class PageImagesStore {
  private readonly logger = new Logger(PageImagesStore.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: OcrEngine,
  ) {}

  /** The number of pages stored (0 for PNG, JPEG and WebP uploads, and when rendering failed). */
  async store(document: { id: string; organizationId: string }, bytes: Buffer): Promise<number> {
    const pages: PageImageInput[] = [];
    try {
      for await (const page of this.engine.pageImages(bytes)) pages.push(await encodePageImage(page));
      if (pages.length === 0) return 0;
      await this.dataSource.transaction((manager) => replacePageImages(manager, document.organizationId, document.id, pages));
      return pages.length;
    } catch (error) {
      this.logger.warn(
        { documentId: document.id, error: error instanceof Error ? error.message : String(error) },
        'page images not stored',
      );
      return 0;
    }
  }
}
