import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrWord, PageReading } from '@invoice/contracts';
import sharp from 'sharp';
import { OcrInputError } from './ocr.errors.js';
import type { GreyPixels } from './preprocess.page.js';
import { mayShowQrCode, pageMarks, type PdfOpCodes } from './pdf.marks.js';

const require = createRequire(import.meta.url);
const PDFJS_PACKAGE = require.resolve('pdfjs-dist/package.json');
const PDFJS_VERSION = (require('pdfjs-dist/package.json') as { version: string }).version;
/** Fonts pdf.js draws the 14 standard PDF fonts with when a PDF does not embed them (read from the package, never downloaded). */
const STANDARD_FONTS_DIR = `${path.join(path.dirname(PDFJS_PACKAGE), 'standard_fonts')}${path.sep}`;

/** `pdfjs-dist@5.6.205`: recorded as the engine of pages read from a PDF's text layer. */
export const PDF_TEXT_ENGINE = `pdfjs-dist@${PDFJS_VERSION}`;

/** How a document's pages were read: all from the PDF's text layer ('text'), or some by OCR ('ocr', also for no page). */
export const pageReading = (pages: readonly { engineVersion: string }[]): PageReading =>
  pages.length > 0 && pages.every((p) => p.engineVersion === PDF_TEXT_ENGINE) ? 'text' : 'ocr';

/** PDF user space is 72 units per inch. */
const PDF_UNITS_PER_INCH = 72;

// Minimal shapes of the pdf.js objects this file uses (pdfjs-dist's own types pull in DOM types).
interface PdfViewport {
  width: number;
  height: number;
  convertToViewportPoint(x: number, y: number): number[];
}
interface PdfTextItem {
  str: string;
  width: number;
  height: number;
  transform: number[];
}
interface PdfPageProxy {
  view: number[];
  getViewport(params: { scale: number }): PdfViewport;
  getOperatorList(params?: Record<string, unknown>): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  getTextContent(): Promise<{ items: (PdfTextItem | { type: string })[] }>;
  render(params: Record<string, unknown>): { promise: Promise<void> };
  cleanup(): void;
}
interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface PdfDocumentProxy {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPageProxy>;
  canvasFactory: { create(width: number, height: number): CanvasAndContext; destroy(c: CanvasAndContext): void };
  getAttachments(): Promise<Record<string, { filename: string; content: Uint8Array }> | null>;
  destroy(): Promise<void>;
}
type GetDocument = (params: Record<string, unknown>) => { promise: Promise<PdfDocumentProxy>; destroy(): Promise<void> };

interface Pdfjs {
  getDocument: GetDocument;
  OPS: Record<string, number>;
  AnnotationMode: Record<string, number>;
}
let pdfjs: Promise<Pdfjs> | null = null;
/** pdf.js is loaded on first use (a worker that never sees a PDF does not pay for it). */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<Pdfjs>;
  return pdfjs;
}

/** pdf.js's operator codes for {@link pageMarks}. */
function opCodes(OPS: Record<string, number>): PdfOpCodes {
  const code = (name: string) => OPS[name] ?? -1;
  return {
    save: code('save'),
    restore: code('restore'),
    transform: code('transform'),
    paintFormXObjectBegin: code('paintFormXObjectBegin'),
    paintFormXObjectEnd: code('paintFormXObjectEnd'),
    constructPath: code('constructPath'),
    paintImageXObjectRepeat: code('paintImageXObjectRepeat'),
    images: new Set(
      Object.entries(OPS)
        .filter(([name]) => /^paint.*Image/.test(name))
        .map(([, value]) => value),
    ),
  };
}

export const isPdf = (bytes: Buffer): boolean => bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-';

export interface PdfLimits {
  /** Documents with more pages are refused (TOO_MANY_PAGES) before any page is read. */
  maxPages: number;
  /** Cap of a rendered page, in pixels: the render resolution is lowered to fit. */
  maxRenderPixels: number;
  /** Images inside the PDF with more pixels are not decoded (a decompression bomb stays small). */
  maxImagePixels: number;
  /** Resolution pages without a text layer are rendered at for OCR. */
  renderDpi: number;
}

/** A page read from the PDF's text layer: words with boxes in the pixels of a rendering at `dpi`. */
export interface PdfTextPage {
  text: string;
  words: OcrWord[];
  width: number;
  height: number;
}

/** A page rendered to pixels: RGB PNG (fast compression) and the resolution used. */
export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/** Rendering resolution for a page of `widthPt` x `heightPt` points: `dpi`, lowered so the page stays under `maxPixels`. */
export function renderScale(widthPt: number, heightPt: number, dpi: number, maxPixels: number): number {
  const wanted = dpi / PDF_UNITS_PER_INCH;
  const pixels = widthPt * wanted * heightPt * wanted;
  return pixels <= maxPixels ? wanted : Math.sqrt(maxPixels / (widthPt * heightPt)) * 0.999;
}

/** Characters (not spaces) a page's text layer needs before it is trusted instead of OCR. */
export const MIN_TEXT_LAYER_CHARS = 20;

/**
 * How close (in font heights) two text items must stand to be one word: a producer that writes "342" "78" "587" as
 * separate items with no gap between them prints "34278587".
 */
const ABUTTING = 0.1;

interface TextLine {
  baseline: number;
  height: number;
  words: OcrWord[];
}
/** The word an item's first word may continue: the last word of the previous item, where it ends (PDF units). */
interface OpenWord {
  word: OcrWord;
  endPt: number;
  baseline: number;
  fontHeight: number;
}

/** A word's box in viewport pixels from its PDF extent. */
function wordBox(viewport: PdfViewport, x0pt: number, x1pt: number, f: number, fontHeight: number): OcrWord['bbox'] {
  const [ax = 0, ay = 0] = viewport.convertToViewportPoint(x0pt, f - fontHeight * 0.22);
  const [bx = 0, by = 0] = viewport.convertToViewportPoint(x1pt, f + fontHeight * 0.78);
  return {
    x0: Math.max(0, Math.floor(Math.min(ax, bx))),
    y0: Math.max(0, Math.floor(Math.min(ay, by))),
    x1: Math.min(Math.ceil(viewport.width), Math.ceil(Math.max(ax, bx))),
    y1: Math.min(Math.ceil(viewport.height), Math.ceil(Math.max(ay, by))),
  };
}

/** Whether an item's first word, starting at `x0pt` on baseline `f`, continues the open word (no gap between them). */
const continues = (open: OpenWord | null, x0pt: number, f: number, fontHeight: number): open is OpenWord =>
  open !== null &&
  Math.abs(open.baseline - f) < Math.max(open.fontHeight, fontHeight) / 3 &&
  Math.abs(x0pt - open.endPt) < ABUTTING * Math.max(open.fontHeight, fontHeight);

/**
 * Splits text-layer items into words, each with a box in viewport pixels (width shared evenly among the characters).
 * An item that starts where the previous one ends, with no blank between, continues its last word.
 */
export function textItemsToWords(items: readonly PdfTextItem[], viewport: PdfViewport, page: number): { words: OcrWord[]; text: string } {
  const lines: TextLine[] = [];
  let open: OpenWord | null = null;
  for (const item of items) {
    if (!item.str || item.str.trim() === '') {
      open = null;
      continue;
    }
    const [, , , d = 0, e = 0, f = 0] = item.transform;
    const fontHeight = item.height || Math.abs(d) || 1;
    const charWidth = item.width / Math.max(1, item.str.length);
    const re = /\S+/g;
    for (let match = re.exec(item.str); match; match = re.exec(item.str)) {
      const x0pt = e + match.index * charWidth;
      const x1pt = x0pt + match[0].length * charWidth;
      if (match.index === 0 && continues(open, x0pt, f, fontHeight)) {
        open.word.text += match[0];
        open.word.bbox = { ...open.word.bbox, x1: Math.max(open.word.bbox.x1, wordBox(viewport, x0pt, x1pt, f, fontHeight).x1) };
        open.endPt = x1pt;
        continue;
      }
      const word: OcrWord = { text: match[0], confidence: 100, bbox: wordBox(viewport, x0pt, x1pt, f, fontHeight), page };
      // Items on one baseline (within a third of the font height) form a line of text.
      let line = lines.find((l) => Math.abs(l.baseline - f) < Math.max(l.height, fontHeight) / 3);
      if (!line) {
        line = { baseline: f, height: fontHeight, words: [] };
        lines.push(line);
      }
      line.words.push(word);
      open = { word, endPt: x1pt, baseline: f, fontHeight };
    }
    if (/\s$/.test(item.str)) open = null;
  }
  return orderedWords(lines);
}

/** Lines top to bottom (PDF y grows upwards), words left to right; the text one line per line. */
function orderedWords(lines: TextLine[]): { words: OcrWord[]; text: string } {
  lines.sort((a, b) => b.baseline - a.baseline);
  const ordered: OcrWord[] = [];
  const textLines: string[] = [];
  for (const line of lines) {
    line.words.sort((a, b) => a.bbox.x0 - b.bbox.x0);
    textLines.push(line.words.map((w) => w.text).join(' '));
    ordered.push(...line.words);
  }
  return { words: ordered, text: textLines.join('\n') };
}

/** An opened PDF; pages are read one at a time so that only one rendered page is in memory. Call close(). */
export class PdfDocument {
  private constructor(
    private readonly doc: PdfDocumentProxy,
    readonly pageCount: number,
    private readonly limits: PdfLimits,
  ) {}

  /** Opens the PDF and refuses it (before reading any page) when it has more than `maxPages` pages. */
  static async open(bytes: Buffer, limits: PdfLimits): Promise<PdfDocument> {
    const { getDocument } = await loadPdfjs();
    const task = getDocument({
      // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      standardFontDataUrl: STANDARD_FONTS_DIR,
      maxImageSize: limits.maxImagePixels,
      verbosity: 0,
    });
    let doc: PdfDocumentProxy;
    try {
      doc = await task.promise;
    } catch (err) {
      await task.destroy().catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      throw new OcrInputError('UNSUPPORTED_IMAGE', `PDF cannot be read: ${message}`, { cause: err });
    }
    if (doc.numPages > limits.maxPages) {
      await doc.destroy();
      throw new OcrInputError('TOO_MANY_PAGES', `PDF has ${doc.numPages} pages, more than the ${limits.maxPages} accepted (MAX_PAGES)`);
    }
    if (doc.numPages === 0) {
      await doc.destroy();
      throw new OcrInputError('UNSUPPORTED_IMAGE', 'PDF has no pages');
    }
    return new PdfDocument(doc, doc.numPages, limits);
  }

  private async page(index: number): Promise<PdfPageProxy> {
    try {
      return await this.doc.getPage(index + 1);
    } catch (err) {
      throw new OcrInputError(
        'UNSUPPORTED_IMAGE',
        `PDF page ${index + 1} cannot be read: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
  }

  private scale(page: PdfPageProxy, dpi: number): number {
    const unit = page.getViewport({ scale: 1 });
    return renderScale(unit.width, unit.height, dpi, this.limits.maxRenderPixels);
  }

  /** The page's text layer, in the pixels of a rendering at the OCR resolution; null when it has too little text to trust. */
  async textPage(index: number): Promise<PdfTextPage | null> {
    const page = await this.page(index);
    const viewport = page.getViewport({ scale: this.scale(page, this.limits.renderDpi) });
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is PdfTextItem => typeof (item as PdfTextItem).str === 'string');
    const chars = items.reduce((sum, item) => sum + item.str.replace(/\s/g, '').length, 0);
    if (chars < MIN_TEXT_LAYER_CHARS) return null;
    const { words, text } = textItemsToWords(items, viewport, index);
    return { text, words, width: Math.ceil(viewport.width), height: Math.ceil(viewport.height) };
  }

  /** Renders the page on a white background at `dpi` (the OCR resolution by default), capped at `maxRenderPixels`. */
  async render(index: number, dpi = this.limits.renderDpi): Promise<RenderedPage> {
    return this.renderWith(index, dpi, async (rgba, width, height, renderedDpi) => {
      const png = await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } })
        .removeAlpha()
        .png({ compressionLevel: 1 })
        .toBuffer();
      return { png, width, height, dpi: renderedDpi };
    });
  }

  /**
   * Whether the page may show a QR code ({@link mayShowQrCode}: a square or large image, or a lot of vector path),
   * from its operator list, the one pdf.js draws from (nothing drawn here).
   */
  async mayShowQrCode(index: number): Promise<boolean> {
    const page = await this.page(index);
    const { OPS, AnnotationMode } = await loadPdfjs();
    const list = await page.getOperatorList({ annotationMode: AnnotationMode['ENABLE'] });
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    return mayShowQrCode(pageMarks(list.fnArray, list.argsArray, opCodes(OPS)), Math.abs((x1 - x0) * (y1 - y0)));
  }

  /**
   * Renders the page as grey pixels (Rec. 601 luma, one byte per pixel), with no image encoded: for looking at
   * the page (the QR search), not for reading it.
   */
  async renderGrey(index: number, dpi: number): Promise<GreyPixels & { dpi: number }> {
    return this.renderWith(index, dpi, (rgba, width, height, renderedDpi) => {
      const data = new Uint8Array(width * height);
      for (let i = 0, j = 0; i < data.length; i++, j += 4)
        data[i] = (299 * (rgba[j] as number) + 587 * (rgba[j + 1] as number) + 114 * (rgba[j + 2] as number) + 500) / 1000;
      return Promise.resolve({ data, width, height, dpi: renderedDpi });
    });
  }

  /** The page drawn on a white canvas at `dpi` (capped at `maxRenderPixels`), its RGBA pixels handed to `take`. */
  private async renderWith<T>(
    index: number,
    dpi: number,
    take: (rgba: Uint8ClampedArray, width: number, height: number, dpi: number) => Promise<T>,
  ): Promise<T> {
    const page = await this.page(index);
    const scale = this.scale(page, dpi);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.ceil(viewport.width));
    const height = Math.max(1, Math.ceil(viewport.height));
    const target = this.doc.canvasFactory.create(width, height);
    try {
      target.context.fillStyle = '#ffffff';
      target.context.fillRect(0, 0, width, height);
      await page.render({ canvas: target.canvas, canvasContext: target.context, viewport }).promise;
      return await take(target.context.getImageData(0, 0, width, height).data, width, height, scale * PDF_UNITS_PER_INCH);
    } catch (err) {
      if (err instanceof OcrInputError) throw err;
      throw new OcrInputError(
        'UNSUPPORTED_IMAGE',
        `PDF page ${index + 1} cannot be rendered: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    } finally {
      this.doc.canvasFactory.destroy(target);
      page.cleanup();
    }
  }

  /** The files embedded in the PDF (its EmbeddedFiles name tree: a Factur-X or ZUGFeRD XML, time sheets...), in the PDF's order. */
  async attachments(): Promise<PdfAttachment[]> {
    let found: Awaited<ReturnType<PdfDocumentProxy['getAttachments']>>;
    try {
      found = await this.doc.getAttachments();
    } catch (err) {
      throw new OcrInputError('UNSUPPORTED_IMAGE', `PDF attachments cannot be read: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
    return Object.values(found ?? {}).map((a) => ({ filename: a.filename, content: a.content }));
  }

  async close(): Promise<void> {
    await this.doc.destroy();
  }
}

/** A file embedded in a PDF. */
export interface PdfAttachment {
  filename: string;
  content: Uint8Array;
}

/** The files embedded in a PDF, without reading its pages; refused like {@link PdfDocument.open} (unreadable, too many pages). */
export async function readPdfAttachments(
  bytes: Buffer,
  limits: Pick<PdfLimits, 'maxPages'> & Partial<PdfLimits>,
): Promise<PdfAttachment[]> {
  const pdf = await PdfDocument.open(bytes, { maxRenderPixels: 1, maxImagePixels: 1, renderDpi: 72, ...limits });
  try {
    return await pdf.attachments();
  } finally {
    await pdf.close();
  }
}
