import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentStatus } from '@invoice/contracts';

type Db = DataSource | EntityManager;

/** A page image as the worker stores it: `width` × `height` is the pixel space of the page's OCR word boxes. */
export interface PageImageInput {
  /** 1-based. */
  pageNumber: number;
  mimeType: string;
  width: number;
  height: number;
  contentHash: string;
  content: Buffer;
}

export interface StoredPageImage {
  mimeType: string;
  width: number;
  height: number;
  contentHash: string;
  /** Absent when only the headers were asked for. */
  content?: Buffer;
  /** How many page images the document has. */
  pageCount: number;
}

/** Replaces every page image of a document (a reprocess renders them again); run it in a transaction. */
export async function replacePageImages(
  manager: EntityManager,
  organizationId: string,
  documentId: string,
  pages: readonly PageImageInput[],
): Promise<void> {
  await manager.query(`DELETE FROM document_pages WHERE document_id = $1 AND organization_id = $2`, [documentId, organizationId]);
  for (const page of pages) {
    await manager.query(
      `INSERT INTO document_pages (document_id, page_number, organization_id, mime_type, width, height, content_hash, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [documentId, page.pageNumber, organizationId, page.mimeType, page.width, page.height, page.contentHash, page.content],
    );
  }
}

/** One page image of an organization's document (the bytes only when `withContent`), or null. */
export async function findPageImage(
  db: Db,
  organizationId: string,
  documentId: string,
  pageNumber: number,
  withContent: boolean,
): Promise<StoredPageImage | null> {
  const rows: { mime_type: string; width: number; height: number; content_hash: string; content?: Buffer; page_count: string }[] =
    await db.query(
      `SELECT mime_type, width, height, content_hash${withContent ? ', content' : ''},
            (SELECT count(*) FROM document_pages c WHERE c.document_id = p.document_id) AS page_count
       FROM document_pages p
      WHERE document_id = $1 AND organization_id = $2 AND page_number = $3`,
      [documentId, organizationId, pageNumber],
    );
  const row = rows[0];
  if (!row) return null;
  return {
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    contentHash: row.content_hash,
    ...(row.content !== undefined && { content: row.content }),
    pageCount: Number(row.page_count),
  };
}

/** How many page images an organization's document has (0 when none were rendered). */
export async function countPageImages(db: Db, organizationId: string, documentId: string): Promise<number> {
  const [row]: { count: string }[] = await db.query(
    `SELECT count(*) AS count FROM document_pages WHERE document_id = $1 AND organization_id = $2`,
    [documentId, organizationId],
  );
  return Number(row?.count ?? 0);
}

/** What the page viewer needs of a document row: its type (is page 1 its original file?), hash (the ETag) and status. */
export interface PageSourceRow {
  mimeType: string;
  sha256: string;
  status: DocumentStatus;
  pageCount: number | null;
}

/** An organization's document as the page viewer reads it; null when it has no such document. */
export async function findPageSource(db: Db, organizationId: string, documentId: string): Promise<PageSourceRow | null> {
  const [row]: { mime_type: string; sha256: string; status: DocumentStatus; page_count: number | null }[] = await db.query(
    `SELECT mime_type, sha256, status, page_count FROM documents WHERE id = $1 AND organization_id = $2`,
    [documentId, organizationId],
  );
  return row ? { mimeType: row.mime_type, sha256: row.sha256, status: row.status, pageCount: row.page_count } : null;
}

/** The uploaded bytes of an organization's document; null when it has no such document. */
export async function findOriginalContent(db: Db, organizationId: string, documentId: string): Promise<Buffer | null> {
  const [row]: { content: Buffer }[] = await db.query(
    `SELECT content FROM document_files WHERE document_id = $1 AND organization_id = $2`,
    [documentId, organizationId],
  );
  return row?.content ?? null;
}
