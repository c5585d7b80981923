/** A rectangle in the pixel space of the original (not preprocessed) page image. */
export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** 0..100, as tesseract reports it. */
  confidence: number;
  bbox: BBox;
  /** Index of the page the word is on (0-based). */
  page: number;
}

/** How a document's pages were read: from a PDF's text layer, or by OCR (scans, photos, PDFs of images). */
export type PageReading = 'text' | 'ocr';

export interface OcrPageResult {
  text: string;
  words: OcrWord[];
  /** Mean word confidence, 0..100. */
  meanConfidence: number;
  width: number;
  height: number;
  durationMs: number;
  /** Where durationMs went: preprocessing with sharp, then recognition (and QR decoding, in parallel). */
  timings?: {
    preprocessMs: number;
    recognizeMs: number;
    /** Of recognizeMs, the time spent on rereads. */ rereadMs?: number;
    /** Of recognizeMs, the time PP-OCR spent rereading doubtful lines. */ secondMs?: number;
  };
  engineVersion: string;
  /** Decoded QR code payload, when the page carries one. */
  qrPayload: string | null;
  /**
   * Regions of the page read a second time on their own (asked for by the caller, e.g. the item price
   * column of an invoice whose sums do not hold): each region's words, in page pixels. The page's
   * `words` stay the first reading; the extraction decides which reading of a region to use.
   */
  rereads?: OcrReread[];
  /**
   * Lines the caller's fields were read from (e.g. a receipt's shop name, address, date and total), read again by
   * the second recognizer (PP-OCR) from the decoded page: the page's `words` stay as they are; the extraction
   * weighs whether the two engines agree on a value. Present only when the second recognizer is on and was asked.
   */
  confirmations?: OcrReread[];
}

/** One region of a page read again on its own (a single text line, binarized), boxes in page pixels. */
export interface OcrReread {
  /** The region read, in page pixels (the page words whose centre lies inside it are the first reading of it). */
  bbox: BBox;
  text: string;
  words: OcrWord[];
  /** Mean word confidence, 0..100. */
  confidence: number;
}
