import { fileTypeFromBuffer } from 'file-type';
import { SUPPORTED_MIME_TYPES, type SupportedMimeType } from '@invoice/contracts';
import { looksLikeXml, NotAnEInvoiceError, readEInvoice, XmlInputError } from '@invoice/einvoice';

export type SniffResult = { ok: true; mimeType: SupportedMimeType } | { ok: false; reason: string };

const ACCEPTED =
  'Accepted types are PNG, JPEG, TIFF, WebP, PDF and e-invoice XML (CII: ZUGFeRD, Factur-X, XRechnung; UBL: Peppol BIS 3, XRechnung).';

/**
 * An XML file is accepted only when it is an e-invoice, read here in full with the worker's safe parser (no
 * DTD, no entity, size and depth limits), so hostile or malformed XML is refused at upload with the reason.
 */
function sniffXml(content: Buffer): SniffResult {
  try {
    readEInvoice(content);
    return { ok: true, mimeType: 'application/xml' };
  } catch (err) {
    if (err instanceof XmlInputError) return { ok: false, reason: `E-invoice XML refused: ${err.message}.` };
    if (err instanceof NotAnEInvoiceError) return { ok: false, reason: `Unsupported file: ${err.message}. ${ACCEPTED}` };
    throw err;
  }
}

/** Decides a file's type from its bytes only; the client's name and Content-Type are never trusted. */
export async function sniffFileType(content: Buffer): Promise<SniffResult> {
  if (looksLikeXml(content)) return sniffXml(content);
  const detected = await fileTypeFromBuffer(content);
  if (detected && detected.mime !== 'application/xml' && (SUPPORTED_MIME_TYPES as readonly string[]).includes(detected.mime)) {
    return { ok: true, mimeType: detected.mime as SupportedMimeType };
  }
  const what = detected ? `${detected.mime} content` : 'content of an unknown type';
  return { ok: false, reason: `Unsupported file: ${what}. ${ACCEPTED}` };
}
