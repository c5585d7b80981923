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

export interface OcrPageResult {
  text: string;
  words: OcrWord[];
  /** Mean word confidence, 0..100. */
  meanConfidence: number;
  width: number;
  height: number;
  durationMs: number;
  /** Where durationMs went: preprocessing with sharp, then recognition (and QR decoding, in parallel). */
  timings?: { preprocessMs: number; recognizeMs: number };
  engineVersion: string;
  /** Decoded QR code payload, when the page carries one. */
  qrPayload: string | null;
}
