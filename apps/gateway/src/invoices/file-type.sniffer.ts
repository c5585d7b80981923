import { fileTypeFromBuffer } from 'file-type';
import { SUPPORTED_MIME_TYPES, type SupportedMimeType } from '@invoice/contracts';

export type SniffResult = { ok: true; mimeType: SupportedMimeType } | { ok: false; reason: string };

/** Decides a file's type from its bytes only; the client's name and Content-Type are never trusted. */
export async function sniffFileType(content: Buffer): Promise<SniffResult> {
  const detected = await fileTypeFromBuffer(content);
  if (detected && (SUPPORTED_MIME_TYPES as readonly string[]).includes(detected.mime)) {
    return { ok: true, mimeType: detected.mime as SupportedMimeType };
  }
  const what = detected ? `${detected.mime} content` : 'content of an unknown type';
  return { ok: false, reason: `Unsupported file: ${what}. Accepted types are PNG, JPEG, TIFF, WebP and PDF.` };
}
