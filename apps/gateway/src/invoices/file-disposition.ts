import { sniffFileType } from './file-type.sniffer.js';

/** Types a browser may show inline: raster images, which run no script (with nosniff, never re-read as HTML). */
const INLINE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/tiff']);

export interface ServedFile {
  type: string;
  disposition: string;
}

/**
 * How a stored upload is served: its type sniffed from the bytes again (never the client's word), inline only
 * when that is an image, otherwise as a download (a PDF or anything unrecognized is never rendered in the
 * gateway's origin).
 */
export async function servedFile(content: Buffer, filename: string): Promise<ServedFile> {
  const sniffed = await sniffFileType(content);
  const name = filename.replace(/[^\w.-]/g, '_') || 'file';
  if (sniffed.ok && INLINE_TYPES.has(sniffed.mimeType)) return { type: sniffed.mimeType, disposition: `inline; filename="${name}"` };
  return { type: sniffed.ok ? sniffed.mimeType : 'application/octet-stream', disposition: `attachment; filename="${name}"` };
}
