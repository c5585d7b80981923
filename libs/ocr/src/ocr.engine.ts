import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import { OCR_PAGE_SEG_MODES, type BBox, type OcrPageResult, type OcrReread, type OcrWord, type PageSegMode } from '@invoice/contracts';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { OcrEngineError, OcrInputError } from './ocr.errors.js';
import { silentLogger, type OcrLogger } from './ocr.logger.js';
import { collectWords, meanWordConfidence, type TessBlockLike } from './ocr.result.js';
import { collectLines, linesText, MAX_CONFIRMATIONS } from './second.pass.js';
import { SecondRecognizer, type SecondRecognizerOptions } from './second.recognizer.js';
import { isPdf, PDF_TEXT_ENGINE, PdfDocument } from './pdf.document.js';
import { encodePgm, preprocessImage, type PreparedImage } from './preprocess.image.js';
import { assertInputSize, resolveLimits, type PreprocessLimits } from './preprocess.plan.js';
import { resolveSteps, type PreprocessSteps, type ResolvedSteps } from './preprocess.steps.js';
import { assertTiffChainEnds } from './tiff.pages.js';
import { decodeQrGrey } from './qr.decoder.js';
import { StageClock, type PageStage, type StageTimes } from './stage.clock.js';
import { otsuLevel } from './grey.otsu.js';
import { binarize, cropGrey, MAX_REREADS_PER_PAGE, pgmPixels, regionRect, UNSPLIT_INK_LEVEL, type RegionMapping } from './reread.js';
import { DEFAULT_LANGUAGES, parseLanguages, prepareTessdataDir } from './tessdata.paths.js';
import { WorkerPool, type PoolStats } from './worker.pool.js';

/** A page read as fewer words than this, not cropped, is read again cropped to its ink (small print on a large scan). */
export const EMPTY_PAGE_WORDS = 5;

const require = createRequire(import.meta.url);
const TESSERACT_JS_VERSION = (require('tesseract.js/package.json') as { version: string }).version;

/** `tesseract.js@7.0.0`: stored with every result so that results can be traced to the engine that made them. */
export const ENGINE_VERSION = `tesseract.js@${TESSERACT_JS_VERSION}`;
/** Added to a page's engineVersion when PP-OCR's reading of some line was kept. */
export const PPOCR_VERSION = 'ppocr-v4-rec';

/**
 * PSM 4. With automatic segmentation (PSM 3) tesseract reads the right-hand price column of an invoice
 * as a separate block, detached from its line; PSM 4 keeps each item line together (measured on 40
 * synthetic invoices at 2x: 72% of the lines read verbatim with PSM 3, 84% with PSM 4).
 */
export const DEFAULT_PAGE_SEG_MODE: PageSegMode = 4;
/** Automatic segmentation: tesseract's confidence in it tells orientation candidates apart. */
const ORIENTATION_PAGE_SEG_MODE: PageSegMode = 3;
/** One text line: a reread region is a single line. */
const REREAD_PAGE_SEG_MODE: PageSegMode = 7;

/** Per-call tesseract parameters for a page segmentation mode (tesseract.js sets them for one job and restores them afterwards). */
const pageSegParams = (mode: PageSegMode) => ({ tessedit_pageseg_mode: String(mode) }) as Partial<Tesseract.RecognizeOptions>;
export const DEFAULT_JOB_TIMEOUT_MS = 120_000;
export const DEFAULT_WORKER_INIT_TIMEOUT_MS = 60_000;
/** Documents with more pages are refused before any page is read. */
export const DEFAULT_MAX_PAGES = 50;
/**
 * PDF pages without a text layer are rendered at this resolution: 200 dpi makes a Letter page 1700 px
 * wide, the short side preprocessing falls back to (DEFAULT_PREPROCESS_LIMITS.targetShortSide); the
 * preprocessing then scales the page by the size of its print like any image.
 */
export const DEFAULT_PDF_RENDER_DPI = 200;
/** A text-layer page is still rendered, at this lower resolution, to look for a QR code. */
const QR_RENDER_DPI = 150;

export interface OcrEngineOptions {
  /** Number of tesseract workers (one WASM instance each, single-threaded): about one per CPU core. */
  concurrency: number;
  /** Tesseract languages, '+'-separated. Default 'eng+fra'. Each needs `@tesseract.js-data/<lang>` installed. */
  languages?: string;
  /** Folder where the traineddata files of all languages are linked together. Default: under os.tmpdir(). */
  tessdataDir?: string;
  logger?: OcrLogger;
  /** Default page segmentation mode. Default 4. */
  pageSegMode?: PageSegMode;
  /** Overrides of the resize/size limits (see DEFAULT_PREPROCESS_LIMITS). */
  preprocess?: Partial<PreprocessLimits>;
  /** A recognize() running longer than this fails with OcrEngineError TIMEOUT and its worker is replaced. 0 = no limit. */
  jobTimeoutMs?: number;
  /** Creating a worker (loading WASM and models) longer than this fails create(). */
  workerInitTimeoutMs?: number;
  /** recognizeDocument() refuses documents with more pages (TOO_MANY_PAGES). Default 50. */
  maxPages?: number;
  /** Resolution of PDF pages rendered for OCR. Default 200. */
  pdfRenderDpi?: number;
  /** Preprocessing steps on or off for every page (over DEFAULT_PREPROCESS_STEPS); a call may override them. */
  preprocessSteps?: PreprocessSteps;
  /** PP-OCRv4 rereads the lines tesseract reads with low confidence (default off). */
  secondRecognizer?: SecondRecognizerOptions;
}

/** How a page's text was obtained: tesseract on the pixels, or the PDF's own text layer (no OCR). */
export type PageSource = 'ocr' | 'text-layer';

/** A whole document (one or more pages, in order) read by {@link OcrEngine.recognizeDocument}. */
export interface OcrDocumentResult {
  /** One result per page, in order; each page's words carry its 0-based index in `page`. */
  pages: OcrPageResult[];
  sources: PageSource[];
  pageCount: number;
  /** Page texts joined, a blank line between pages. */
  text: string;
  /** Mean word confidence over all pages' words. */
  meanConfidence: number;
  durationMs: number;
  /** The engines that read the pages (tesseract.js, and pdfjs-dist for text layers), '+'-joined. */
  engineVersion: string;
  /** The first QR code found, in page order. */
  qrPayload: string | null;
}

/** A page as an image, in the pixel space of its word boxes. */
export interface PageImage {
  /** 0-based. */
  index: number;
  png: Buffer;
  width: number;
  height: number;
}

export interface RecognizeDocumentOptions extends RecognizeOptions {
  /** Use a PDF page's text layer when it has one (default true); false OCRs every page. */
  textLayer?: boolean;
  /** Called after each page (progress of a long document). */
  onPage?: (pagesDone: number, pageCount: number) => void | Promise<void>;
}

export interface RecognizeOptions {
  pageSegMode?: PageSegMode;
  /** A page read as fewer than EMPTY_PAGE_WORDS words is read again cropped to its ink (default true; false for experiments). */
  retryEmptyPage?: boolean;
  /** Force the preprocessing scale factor instead of the planned one (experiments). Still capped in pixels. */
  scale?: number;
  /** Look for a QR code (default true). */
  qr?: boolean;
  /** Preprocessing steps on or off for this call (over the engine's). */
  preprocessing?: PreprocessSteps;
  /**
   * Regions of a page to read a second time, from its first reading (e.g. `itemRereadRegions` of
   * `@invoice/extraction`: the item columns of an invoice whose sums fail). Each region is cut from the
   * preprocessed page, binarized on its own (Otsu) and read as one line (PSM 7) by the same worker; the
   * readings come back in the page's `rereads`. At most 40 per page. A callback that throws is logged and
   * the page keeps its first reading only.
   */
  reread?: (page: OcrPageResult) => readonly BBox[];
  /**
   * Lines of a page to read with the second recognizer as well, from its reading (e.g. `confirmRegions` of
   * `@invoice/extraction`: the lines a receipt's fields come from). Each is cut from the decoded page and read by
   * PP-OCR; the readings come back in the page's `confirmations` (none when the second recognizer is off). At most
   * MAX_CONFIRMATIONS per page. A callback that throws is logged and the page has no confirmations.
   */
  confirm?: (page: OcrPageResult) => readonly BBox[];
  /**
   * Receives the page's wall and CPU time per stage (decode, preprocess, qr, recognize, second, reread). The CPU
   * times are the process's: they belong to one stage when one page is read at a time with `serialStages`.
   */
  onStages?: (stages: StageTimes) => void;
  /** Search the QR code before recognition instead of beside it (stage measurements; default false). */
  serialStages?: boolean;
  /** CPU budget of the QR search, ms (default DEFAULT_QR_BUDGET_MS). */
  qrBudgetMs?: number;
}

export type OcrEngineStats = PoolStats;

interface EngineWorker {
  id: string;
  tess: Tesseract.Worker;
  /** Rejects when the worker thread dies on its own (a crash): raced against every job. */
  crashed: Promise<never>;
  terminating: boolean;
}

/** Errors from preprocessing are about the input; anything else failing inside a worker may have broken it. */
const isWorkerFatal = (err: unknown): boolean => !(err instanceof OcrInputError);

function validatePageSegMode(mode: number): PageSegMode {
  const known = OCR_PAGE_SEG_MODES.find((candidate) => candidate === mode);
  if (known === undefined) throw new RangeError(`pageSegMode must be one of ${OCR_PAGE_SEG_MODES.join(', ')}, got ${mode}`);
  return known;
}

/**
 * A pool of tesseract.js workers created once and reused for every page. Extra calls queue.
 * Each recognize(): preprocess with sharp (EXIF rotation, grey, normalize, upscale), OCR with the
 * page segmentation mode of the call, boxes mapped back to the original pixels, QR code decoded.
 */
export class OcrEngine {
  private constructor(
    private readonly pool: WorkerPool<EngineWorker>,
    private readonly limits: PreprocessLimits,
    private readonly pageSegMode: PageSegMode,
    private readonly jobTimeoutMs: number,
    private readonly logger: OcrLogger,
    private readonly maxPages: number,
    private readonly pdfRenderDpi: number,
    private readonly preprocessSteps: PreprocessSteps,
    private readonly second: SecondRecognizer | null = null,
  ) {}

  static async create(options: OcrEngineOptions): Promise<OcrEngine> {
    const logger = options.logger ?? silentLogger;
    const languages = parseLanguages(options.languages ?? DEFAULT_LANGUAGES);
    const pageSegMode = validatePageSegMode(options.pageSegMode ?? DEFAULT_PAGE_SEG_MODE);
    const limits = resolveLimits(options.preprocess);
    const initTimeoutMs = options.workerInitTimeoutMs ?? DEFAULT_WORKER_INIT_TIMEOUT_MS;
    const jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    const pdfRenderDpi = options.pdfRenderDpi ?? DEFAULT_PDF_RENDER_DPI;
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError(`maxPages must be a positive integer, got ${maxPages}`);
    if (!(pdfRenderDpi >= 36 && pdfRenderDpi <= 600)) throw new RangeError(`pdfRenderDpi must be between 36 and 600, got ${pdfRenderDpi}`);
    const langPath = await prepareTessdataDir(languages, options.tessdataDir);
    const started = performance.now();

    const pool = await WorkerPool.start<EngineWorker>({
      size: options.concurrency,
      logger,
      isFatal: isWorkerFatal,
      create: (index) => createEngineWorker(index, languages.join('+'), langPath, initTimeoutMs, logger),
      destroy: async (worker) => {
        worker.terminating = true;
        await worker.tess.terminate();
        logger.debug({ workerId: worker.id }, 'tesseract worker terminated');
      },
    });
    logger.info(
      {
        concurrency: options.concurrency,
        languages,
        langPath,
        pageSegMode,
        engineVersion: ENGINE_VERSION,
        ms: Math.round(performance.now() - started),
      },
      'OCR engine ready',
    );
    const second = await SecondRecognizer.load(options.secondRecognizer ?? { engine: 'off' }, logger);
    return new OcrEngine(
      pool,
      limits,
      pageSegMode,
      jobTimeoutMs,
      logger,
      maxPages,
      pdfRenderDpi,
      resolveSteps(options.preprocessSteps),
      second,
    );
  }

  /**
   * Reads a whole document: a PDF (each page from its text layer when it has one, else rendered at
   * the OCR resolution and OCRed), a multi-page TIFF, or one image (PNG, JPEG, WebP, TIFF). Pages are
   * read one after the other, in order. Refuses (OcrInputError) documents over the page limit before
   * reading any page, and pages over the pixel limit before decoding them.
   */
  async recognizeDocument(bytes: Buffer, options: RecognizeDocumentOptions = {}): Promise<OcrDocumentResult> {
    if (!Buffer.isBuffer(bytes)) throw new TypeError('recognizeDocument() expects the document as a Buffer');
    const started = performance.now();
    const pages: OcrPageResult[] = [];
    const sources: PageSource[] = [];
    if (isPdf(bytes)) {
      const pdf = await PdfDocument.open(bytes, {
        maxPages: this.maxPages,
        maxRenderPixels: this.limits.maxOutputPixels,
        maxImagePixels: this.limits.maxInputPixels,
        renderDpi: this.pdfRenderDpi,
      });
      try {
        for (let index = 0; index < pdf.pageCount; index++) {
          const pageStarted = performance.now();
          const textPage = options.textLayer === false ? null : await pdf.textPage(index);
          if (textPage) {
            // Drawn (in grey, at a lower resolution than the word boxes) only when it may show a code: only the payload is kept.
            const qrPayload =
              options.qr === false || !(await pdf.mayShowQrCode(index))
                ? null
                : await decodeQrGrey(await pdf.renderGrey(index, QR_RENDER_DPI));
            const durationMs = Math.round(performance.now() - pageStarted);
            pages.push({
              ...textPage,
              meanConfidence: meanWordConfidence(textPage.words),
              durationMs,
              timings: { preprocessMs: durationMs, recognizeMs: 0 },
              engineVersion: PDF_TEXT_ENGINE,
              qrPayload,
            });
            sources.push('text-layer');
            await options.onPage?.(index + 1, pdf.pageCount);
          } else {
            const rendered = await pdf.render(index);
            const renderMs = performance.now() - pageStarted;
            const page = await this.recognizePage(rendered.png, index, options);
            pages.push({ ...page, durationMs: Math.round(performance.now() - pageStarted), timings: addPreprocess(page, renderMs) });
            sources.push('ocr');
            await options.onPage?.(index + 1, pdf.pageCount);
          }
        }
      } finally {
        await pdf.close();
      }
    } else {
      const count = await this.imagePageCount(bytes);
      for (let index = 0; index < count; index++) {
        const pageStarted = performance.now();
        const image = count === 1 ? bytes : await this.extractTiffPage(bytes, index);
        const extractMs = performance.now() - pageStarted;
        const page = await this.recognizePage(image, index, options);
        pages.push(
          count === 1
            ? page
            : { ...page, durationMs: Math.round(performance.now() - pageStarted), timings: addPreprocess(page, extractMs) },
        );
        sources.push('ocr');
        await options.onPage?.(index + 1, count);
      }
    }
    const words = pages.flatMap((page) => page.words);
    const engines = [...new Set(pages.map((page) => page.engineVersion))];
    return {
      pages,
      sources,
      pageCount: pages.length,
      text: pages.map((page) => page.text.trim()).join('\n\n'),
      meanConfidence: meanWordConfidence(words),
      durationMs: Math.round(performance.now() - started),
      engineVersion: engines.join('+'),
      qrPayload: pages.find((page) => page.qrPayload !== null)?.qrPayload ?? null,
    };
  }

  /** Opened with the same limits and resolution as `recognizeDocument`, so pages render in the same pixel space. */
  private openPdf(bytes: Buffer): Promise<PdfDocument> {
    return PdfDocument.open(bytes, {
      maxPages: this.maxPages,
      maxRenderPixels: this.limits.maxOutputPixels,
      maxImagePixels: this.limits.maxInputPixels,
      renderDpi: this.pdfRenderDpi,
    });
  }

  /**
   * The pages of a PDF or TIFF as PNG images, one at a time, each in the pixel space of the word boxes
   * `recognizeDocument` gives that page: PDF pages rendered at the OCR resolution (text-layer pages too),
   * TIFF frames as they are read. Nothing for PNG, JPEG and WebP, which a browser shows as they are.
   */
  async *pageImages(bytes: Buffer): AsyncGenerator<PageImage> {
    if (isPdf(bytes)) {
      const pdf = await this.openPdf(bytes);
      try {
        for (let index = 0; index < pdf.pageCount; index++) {
          const { png, width, height } = await pdf.render(index);
          yield { index, png, width, height };
        }
      } finally {
        await pdf.close();
      }
      return;
    }
    const format = (
      await sharp(bytes, { limitInputPixels: false })
        .metadata()
        .catch(() => null)
    )?.format;
    if (format !== 'tiff') return;
    const count = await this.imagePageCount(bytes);
    for (let index = 0; index < count; index++) {
      // A one-page TIFF is read as it is, turned upright by its orientation tag; frames of a longer one are extracted first.
      const png =
        count === 1
          ? await sharp(bytes, { limitInputPixels: this.limits.maxInputPixels }).rotate().png({ compressionLevel: 1 }).toBuffer()
          : await this.extractTiffPage(bytes, index);
      const { width, height } = await sharp(png).metadata();
      yield { index, png, width, height };
    }
  }

  /** Pages of a raster image: a TIFF's page count (refused over the limit), 1 for the other formats. Header only. */
  private async imagePageCount(bytes: Buffer): Promise<number> {
    if (bytes.length === 0) throw new OcrInputError('EMPTY_IMAGE', 'image is empty (0 bytes)');
    let format: string;
    let pages: number;
    try {
      const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
      format = metadata.format;
      pages = metadata.pages ?? 1;
    } catch {
      // readImageSize (in recognizePage) gives the precise error.
      return 1;
    }
    if (format !== 'tiff') return 1;
    assertTiffChainEnds(bytes);
    if (pages > this.maxPages)
      throw new OcrInputError('TOO_MANY_PAGES', `TIFF has ${pages} pages, more than the ${this.maxPages} accepted (MAX_PAGES)`);
    return pages;
  }

  /** One page of a multi-page TIFF as PNG, its size checked against the pixel limit before it is decoded. */
  private async extractTiffPage(bytes: Buffer, index: number): Promise<Buffer> {
    const size =
      (await sharp(bytes, { page: index, limitInputPixels: false })
        .metadata()
        .catch(() => null)) ?? null;
    if (size) assertInputSize({ width: size.width, height: size.height }, this.limits.maxInputPixels);
    try {
      return await sharp(bytes, { page: index, limitInputPixels: this.limits.maxInputPixels }).png({ compressionLevel: 1 }).toBuffer();
    } catch (err) {
      throw new OcrInputError('UNSUPPORTED_IMAGE', `TIFF page ${index + 1} cannot be decoded: the file is damaged or truncated`, {
        cause: err,
      });
    }
  }

  /** OCR of one page image (PNG, JPEG, TIFF first page, WebP). Throws OcrInputError for unusable images. */
  recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    return this.recognizePage(image, 0, options);
  }

  private recognizePage(image: Buffer, pageIndex: number, options: RecognizeOptions): Promise<OcrPageResult> {
    if (!Buffer.isBuffer(image)) return Promise.reject(new TypeError('recognize() expects the image as a Buffer'));
    let pageSegMode: PageSegMode;
    try {
      pageSegMode = validatePageSegMode(options.pageSegMode ?? this.pageSegMode);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.pool.run(
      async (worker) => {
        const started = performance.now();
        const clock = new StageClock();
        const steps = resolveSteps(this.preprocessSteps, options.preprocessing);
        const qr = options.qr === false ? null : { budgetMs: options.qrBudgetMs, serial: options.serialStages === true };
        const read = await this.readPage(worker, image, pageIndex, pageSegMode, steps, options.scale, clock, qr);
        const qrPayload = read.qrPayload;
        let { prepared, lines, words, text } = read;
        // A page read as (almost) nothing, though it was not cropped: small print on a large white scan (a till
        // receipt on an A4 sheet with specks around it) that tesseract's page layout analysis loses. Read again,
        // cropped to its ink (at the same magnification); the reading with more words is kept. Costs time only on
        // such pages.
        if (words.length < EMPTY_PAGE_WORDS && !steps.crop && options.retryEmptyPage !== false) {
          const cropped = await this.readPage(worker, image, pageIndex, pageSegMode, { ...steps, crop: true }, options.scale, clock, null);
          if (cropped.words.length > words.length) ({ prepared, lines, words, text } = cropped);
        }
        const second = this.second ? await clock.time('second', () => this.secondPass(worker.id, prepared, lines)) : null;
        if (second?.replaced) {
          words = second.lines.flat();
          text = linesText(second.lines);
        }
        const first: OcrPageResult = {
          text,
          words,
          meanConfidence: meanWordConfidence(words),
          width: prepared.original.width,
          height: prepared.original.height,
          durationMs: 0,
          engineVersion: second?.replaced ? `${ENGINE_VERSION}+${PPOCR_VERSION}` : ENGINE_VERSION,
          qrPayload,
        };
        const reread = options.reread;
        const rereads = reread ? await clock.time('reread', () => this.reread(worker, prepared, first, reread, pageIndex)) : [];
        const confirm = options.confirm;
        const confirmations = confirm
          ? await clock.time('second', () => this.confirm(worker.id, prepared, { ...first, rereads }, confirm, pageIndex))
          : [];
        const durationMs = Math.round(performance.now() - started);
        const preprocessMs = Math.round(clock.wallMs('decode') + clock.wallMs('preprocess'));
        this.logger.debug(
          {
            workerId: worker.id,
            scale: prepared.plan.scale,
            pageSegMode,
            words: words.length,
            rereads: rereads.length,
            secondRead: second?.read,
            secondKept: second?.replaced,
            durationMs,
            qr: qrPayload !== null,
            applied: prepared.applied,
            stagesMs: stageWallMs(clock),
          },
          'page recognized',
        );
        options.onStages?.(clock.times);
        return {
          ...first,
          durationMs,
          timings: {
            preprocessMs,
            recognizeMs: durationMs - preprocessMs,
            ...(options.reread ? { rereadMs: Math.round(clock.wallMs('reread')) } : {}),
            ...(second ? { secondMs: Math.round(clock.wallMs('second')) } : {}),
          },
          ...(rereads.length ? { rereads } : {}),
          ...(confirmations.length ? { confirmations } : {}),
        };
      },
      { timeoutMs: this.jobTimeoutMs },
    );
  }

  /**
   * One page preprocessed with `steps` and read by tesseract on `worker`: the prepared image, the words in page
   * coordinates, the text, and (when `qr` is given) the QR code searched on the decoded page while tesseract reads
   * it (before, with `qr.serial`).
   */
  private async readPage(
    worker: EngineWorker,
    image: Buffer,
    pageIndex: number,
    pageSegMode: PageSegMode,
    steps: ResolvedSteps,
    scale: number | undefined,
    clock: StageClock,
    qr: { budgetMs?: number; serial: boolean } | null,
  ) {
    const prepared = await preprocessImage(image, {
      scale,
      limits: this.limits,
      steps,
      clock,
      // Orientation candidates are told apart by tesseract's own confidence on a downscaled page.
      scoreOrientation: async (pgm) => {
        const result = await worker.tess.recognize(pgm, pageSegParams(ORIENTATION_PAGE_SEG_MODE), { text: false, blocks: false });
        return result.data.confidence ?? 0;
      },
    });
    const searchQr = () => (qr ? clock.time('qr', () => decodeQrGrey(prepared.grey, { budgetMs: qr.budgetMs })) : Promise.resolve(null));
    const qrFirst = qr?.serial ? await searchQr() : null;
    const recognizing = clock
      .time('recognize', () =>
        Promise.race([
          worker.tess.recognize(
            prepared.data,
            // Per-call tesseract parameters: tesseract.js sets them for this job and restores them afterwards.
            pageSegParams(pageSegMode),
            { text: true, blocks: true },
          ),
          worker.crashed,
        ]),
      )
      .then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
    // The QR search runs on this thread while the tesseract worker thread reads the page.
    const qrPayload =
      qr && !qr.serial ? await new Promise<string | null>((done) => setImmediate(() => void searchQr().then(done))) : qrFirst;
    const settled = await recognizing;
    if ('error' in settled) {
      const err = settled.error;
      if (err instanceof OcrEngineError) throw err;
      throw new OcrEngineError('WORKER_FAILED', `tesseract failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const recognized = settled.value;
    const lines = collectLines(
      recognized.data.blocks as TessBlockLike[] | null,
      {
        scaleX: prepared.plan.scaleX,
        scaleY: prepared.plan.scaleY,
        width: prepared.original.width,
        height: prepared.original.height,
        offsetX: prepared.offset.x,
        offsetY: prepared.offset.y,
      },
      pageIndex,
    );
    return { prepared, lines, words: lines.flat(), text: recognized.data.text ?? '', qrPayload };
  }

  /** PP-OCR's pass over the doubtful lines; a failure there is logged and the page keeps tesseract's reading. */
  private async secondPass(lane: string, prepared: PreparedImage, lines: OcrWord[][]) {
    try {
      return await (this.second as SecondRecognizer).reread(lane, prepared, lines);
    } catch (err) {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'second recognizer failed on a page; tesseract reading kept',
      );
      return { lines, read: 0, replaced: 0 };
    }
  }

  /** The lines the caller asks to confirm, read by the second recognizer on the decoded page; none when it is off or fails. */
  private async confirm(
    lane: string,
    prepared: PreparedImage,
    page: OcrPageResult,
    pick: (page: OcrPageResult) => readonly BBox[],
    pageIndex: number,
  ): Promise<OcrReread[]> {
    // The decoded page is in the page's own frame unless it was turned.
    if (!this.second || prepared.applied.rotation !== 0 || prepared.applied.skew !== 0) return [];
    try {
      const regions = pick(page).slice(0, MAX_CONFIRMATIONS);
      return regions.length ? await this.second.readLines(lane, prepared.grey, prepared.offset, regions, pageIndex) : [];
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'confirming lines with the second recognizer failed');
      return [];
    }
  }

  /** The regions the caller asks for, each cut from the preprocessed page, binarized and read as one line on this worker. */
  private async reread(
    worker: EngineWorker,
    prepared: PreparedImage,
    page: OcrPageResult,
    pick: (page: OcrPageResult) => readonly BBox[],
    pageIndex: number,
  ): Promise<OcrReread[]> {
    let regions: readonly BBox[];
    try {
      regions = pick(page).slice(0, MAX_REREADS_PER_PAGE);
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'choosing regions to reread failed; first reading kept');
      return [];
    }
    if (regions.length === 0) return [];
    const image = pgmPixels(prepared.data);
    const mapping: RegionMapping = {
      scaleX: prepared.plan.scaleX,
      scaleY: prepared.plan.scaleY,
      offsetX: prepared.offset.x,
      offsetY: prepared.offset.y,
      width: image.width,
      height: image.height,
    };
    const out: OcrReread[] = [];
    for (const bbox of regions) {
      const rect = regionRect(bbox, mapping);
      if (!rect) continue;
      const grey = cropGrey(image.data, image.width, rect);
      const pgm = encodePgm(binarize(grey, otsuLevel(grey) ?? UNSPLIT_INK_LEVEL), rect.width, rect.height);
      const recognized = await Promise.race([
        worker.tess.recognize(pgm, pageSegParams(REREAD_PAGE_SEG_MODE), { text: true, blocks: true }),
        worker.crashed,
      ]).catch((err: unknown) => {
        if (err instanceof OcrEngineError) throw err;
        throw new OcrEngineError('WORKER_FAILED', `tesseract failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      });
      // Boxes of the cut-out: shifted by where it sits in the preprocessed page, then mapped as the page's words.
      const words = collectWords(
        recognized.data.blocks as TessBlockLike[] | null,
        {
          scaleX: mapping.scaleX,
          scaleY: mapping.scaleY,
          width: prepared.original.width,
          height: prepared.original.height,
          offsetX: mapping.offsetX + rect.left / mapping.scaleX,
          offsetY: mapping.offsetY + rect.top / mapping.scaleY,
        },
        pageIndex,
      ).map((w) => ({
        ...w,
        bbox: { x0: Math.round(w.bbox.x0), y0: Math.round(w.bbox.y0), x1: Math.round(w.bbox.x1), y1: Math.round(w.bbox.y1) },
      }));
      out.push({ bbox, text: words.map((w) => w.text).join(' '), words, confidence: meanWordConfidence(words) });
    }
    return out;
  }

  /** size = workers, busy/idle = workers running a page or not, queued = calls waiting, created = workers created so far. */
  stats(): OcrEngineStats {
    return this.pool.stats();
  }

  /** Refuses new calls, waits for accepted ones (running and queued), then stops the workers. */
  async terminate(): Promise<void> {
    await this.pool.close();
    await this.second?.release();
  }

  /** Whether PP-OCR rereads doubtful lines (false when it is off or could not load). */
  get secondRecognizerActive(): boolean {
    return this.second !== null;
  }
}

async function createEngineWorker(
  index: number,
  langs: string,
  langPath: string,
  initTimeoutMs: number,
  logger: OcrLogger,
): Promise<EngineWorker> {
  const started = performance.now();
  let initTimer: NodeJS.Timeout | undefined;
  let initError: ((err: Error) => void) | null = null;
  const initFailed = new Promise<never>((_, reject) => {
    initError = reject;
    initTimer = setTimeout(
      () => reject(new OcrEngineError('ENGINE_INIT_FAILED', `tesseract worker ${index} did not start within ${initTimeoutMs} ms`)),
      initTimeoutMs,
    );
  });
  const created = Tesseract.createWorker(langs, Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    // Never read or write a traineddata cache (the default writes `./<lang>.traineddata` into the working directory).
    cacheMethod: 'none',
    logger: () => undefined,
    // Without a handler tesseract.js throws job failures from a message listener (an uncaught exception).
    // Job promises still reject, so this only records; during start-up it fails creation, which tesseract.js would not.
    errorHandler: (err: unknown) => {
      const message = typeof err === 'string' ? err : err instanceof Error ? err.message : String(err);
      if (initError) initError(new OcrEngineError('ENGINE_INIT_FAILED', `tesseract worker ${index} failed to start: ${message}`));
      else logger.warn({ worker: index, err: message }, 'tesseract job failed');
    },
  });
  let tess: Tesseract.Worker;
  try {
    tess = await Promise.race([created, initFailed]);
  } catch (err) {
    // If creation completes after all, do not leak the thread.
    void created.then((late) => late.terminate()).catch(() => undefined);
    throw err instanceof OcrEngineError
      ? err
      : new OcrEngineError('ENGINE_INIT_FAILED', `tesseract worker ${index} failed to start`, { cause: err });
  } finally {
    clearTimeout(initTimer);
    initError = null;
  }
  initFailed.catch(() => undefined);

  try {
    // Tesseract prints diagnostics ("Estimating resolution as 416", ...) with tprintf to the process's
    // stdout, where they would interleave with JSON logs. debug_file redirects them inside the WASM file system.
    await tess.setParameters({ debug_file: '/dev/null' });
  } catch (err) {
    await tess.terminate();
    throw new OcrEngineError('ENGINE_INIT_FAILED', `tesseract worker ${index} refused its parameters`, { cause: err });
  }

  const id = `ocr-worker-${index}`;
  const engineWorker: EngineWorker = { id, tess, crashed: new Promise<never>(() => undefined), terminating: false };
  const thread = (tess as unknown as { worker?: ThreadWorker }).worker;
  if (thread && typeof thread.once === 'function') {
    engineWorker.crashed = new Promise<never>((_, reject) => {
      const onDeath = (reason: string) => {
        if (!engineWorker.terminating) {
          logger.error({ workerId: id, reason }, 'tesseract worker thread died');
          reject(new OcrEngineError('WORKER_FAILED', `tesseract worker thread died (${reason})`));
        }
      };
      thread.once('error', (err: Error) => onDeath(err.message));
      thread.once('exit', (code: number) => onDeath(`exit code ${code}`));
    });
    engineWorker.crashed.catch(() => undefined);
  }
  logger.info({ workerId: id, ms: Math.round(performance.now() - started) }, 'tesseract worker ready');
  return engineWorker;
}

/** Wall ms per stage, rounded (for the debug log). */
function stageWallMs(clock: StageClock): Partial<Record<PageStage, number>> {
  return Object.fromEntries(Object.entries(clock.times).map(([stage, t]) => [stage, Math.round(t.wallMs)]));
}

/** A page's timings with extra time (rendering a PDF page, extracting a TIFF page) counted as preprocessing. */
function addPreprocess(page: OcrPageResult, extraMs: number): OcrPageResult['timings'] {
  const timings = page.timings ?? { preprocessMs: 0, recognizeMs: page.durationMs };
  return { preprocessMs: Math.round(timings.preprocessMs + extraMs), recognizeMs: timings.recognizeMs };
}
