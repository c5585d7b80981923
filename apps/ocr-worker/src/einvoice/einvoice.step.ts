import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ExtractedInvoice } from '@invoice/contracts';
import {
  looksLikeXml,
  mergeWithPage,
  NotAnEInvoiceError,
  pickEInvoiceAttachment,
  readEInvoice,
  toExtractedInvoice,
  XmlInputError,
} from '@invoice/einvoice';
import { isPdf, OcrInputError, readPdfAttachments, type OcrDocumentResult } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';

/** The e-invoice of a document, read: its fields, its XML, and whether it came alone (no page to read). */
export type EInvoiceReading =
  | { kind: 'read'; extracted: ExtractedInvoice; xml: Buffer; bare: boolean }
  /** A PDF whose attached e-invoice (by its name) is hostile or malformed: the page is read, and the invoice goes to review. */
  | { kind: 'unreadable'; issue: string; reason: string };

/** Recorded as the engine of an invoice read from a bare XML e-invoice. */
export const EINVOICE_ENGINE = 'einvoice-xml';

/** What the invoice row keeps of a document with no page (a bare XML e-invoice): no words, no page. */
export const NO_PAGES: OcrDocumentResult = {
  pages: [],
  sources: [],
  pageCount: 0,
  text: '',
  meanConfidence: 0,
  durationMs: 0,
  engineVersion: EINVOICE_ENGINE,
  qrPayload: null,
};

/**
 * The e-invoice step of a job: an XML upload is read as an e-invoice (and nothing else); a PDF's attachments are
 * searched for one (Factur-X, ZUGFeRD, XRechnung, or any CII / UBL invoice). Its fields then replace the page's
 * (see mergeWithPage in @invoice/einvoice), and the page is cross-checked against them.
 */
@Injectable()
export class EInvoiceStep {
  constructor(@Inject(WORKER_CONFIG) private readonly config: Pick<WorkerConfig, 'MAX_PAGES'>) {}

  /** Null when the document carries no e-invoice. A bare XML that cannot be read fails the job for good, with the reason. */
  async read(content: Buffer, mimeType: string): Promise<EInvoiceReading | null> {
    if (mimeType === 'application/xml' || (!isPdf(content) && looksLikeXml(content))) {
      try {
        return { kind: 'read', extracted: toExtractedInvoice(readEInvoice(content), null), xml: content, bare: true };
      } catch (err) {
        if (err instanceof XmlInputError || err instanceof NotAnEInvoiceError)
          throw new DomainError('UNSUPPORTED_IMAGE', `E-invoice XML cannot be read: ${err.message}`);
        throw err;
      }
    }
    if (!isPdf(content)) return null;
    // A PDF whose attachments cannot be listed is left to the page reading, which reports an unreadable PDF itself.
    const attachments = await readPdfAttachments(content, { maxPages: this.config.MAX_PAGES }).catch((err: unknown) => {
      if (err instanceof OcrInputError) return [];
      throw err;
    });
    const picked = pickEInvoiceAttachment(attachments);
    if (!picked) return null;
    if ('error' in picked)
      return {
        kind: 'unreadable',
        issue: `einvoice_unreadable:${picked.error.code}`,
        reason: `${picked.filename}: ${picked.error.message}`,
      };
    return { kind: 'read', extracted: toExtractedInvoice(picked.einvoice, picked.filename), xml: Buffer.from(picked.xml), bare: false };
  }

  /** The invoice to store: the page's reading alone, the e-invoice alone (bare XML), or both merged and cross-checked. */
  combine(reading: EInvoiceReading | null, page: ExtractedInvoice | null, pageText: string): ExtractedInvoice {
    if (reading?.kind === 'unreadable') {
      if (!page) throw new DomainError('UNSUPPORTED_IMAGE', reading.reason);
      return { ...page, issues: [...page.issues, reading.issue] };
    }
    if (!reading) {
      if (!page) throw new DomainError('UNSUPPORTED_IMAGE', 'The document has no page and no e-invoice');
      return page;
    }
    return reading.bare ? reading.extracted : mergeWithPage(reading.extracted, page, pageText);
  }
}

/** The invoice columns of the e-invoice fields (null for a page reading), and the XML kept for download. */
export function einvoiceColumns(extracted: ExtractedInvoice, xml: Buffer | null) {
  return {
    deliveryDate: extracted.deliveryDate ?? null,
    prepaidAmount: extracted.prepaidAmount ?? null,
    paymentTerms: extracted.paymentTerms ?? null,
    vendorRegistrationId: extracted.vendorRegistrationId ?? null,
    vendorEmail: extracted.vendorEmail ?? null,
    customerRegistrationId: extracted.customerRegistrationId ?? null,
    buyerReference: extracted.buyerReference ?? null,
    einvoice: extracted.einvoice ?? null,
    einvoiceXml: extracted.einvoice ? xml : null,
  };
}
