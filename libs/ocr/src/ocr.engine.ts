import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import type { OcrPageResult } from '@invoice/contracts';
import Tesseract from 'tesseract.js';
import { OcrEngineError, OcrInputError } from './ocr.errors.js';
import { silentLogger, type OcrLogger } from './ocr.logger.js';
import { collectWords, meanWordConfidence, type TessBlockLike } from './ocr.result.js';
import { preprocessImage } from './preprocess.image.js';
import { resolveLimits, type PreprocessLimits } from './preprocess.plan.js';
import { decodeQr } from './qr.decoder.js';
import { DEFAULT_LANGUAGES, parseLanguages, prepareTessdataDir } from './tessdata.paths.js';
import { WorkerPool, type PoolStats } from './worker.pool.js';

const require = createRequire(import.meta.url);
const TESSERACT_JS_VERSION = (require('tesseract.js/package.json') as { version: string }).version;

/** `tesseract.js@7.0.0`: stored with every result so that results can be traced to the engine that made them. */
export const ENGINE_VERSION = `tesseract.js@${TESSERACT_JS_VERSION}`;

/**
 * Tesseract page segmentation modes that recognize text (0 and 2 only analyse layout; 1 and 12 need
 * the OSD model, which is not installed). 3 = automatic, 4 = single column of text of variable sizes,
 * 6 = single uniform block, 11 = sparse text.
 */
export const PAGE_SEG_MODES = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13] as const;
export type PageSegMode = (typeof PAGE_SEG_MODES)[number];

/**
 * PSM 4. With automatic segmentation (PSM 3) tesseract reads the right-hand price column of an invoice
 * as a separate block, detached from its line; PSM 4 keeps each item line together (measured on 40
 * synthetic invoices at 2x: 72% of the lines read verbatim with PSM 3, 84% with PSM 4).
 */
export const DEFAULT_PAGE_SEG_MODE: PageSegMode = 4;
export const DEFAULT_JOB_TIMEOUT_MS = 120_000;
export const DEFAULT_WORKER_INIT_TIMEOUT_MS = 60_000;

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
}

export interface RecognizeOptions {
  pageSegMode?: PageSegMode;
  /** Force the preprocessing scale factor instead of the planned one (experiments). Still capped in pixels. */
  scale?: number;
  /** Look for a QR code (default true). */
  qr?: boolean;
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
  if (!(PAGE_SEG_MODES as readonly number[]).includes(mode)) {
    throw new RangeError(`pageSegMode must be one of ${PAGE_SEG_MODES.join(', ')}, got ${mode}`);
  }
  return mode as PageSegMode;
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
  ) {}

  static async create(options: OcrEngineOptions): Promise<OcrEngine> {
    const logger = options.logger ?? silentLogger;
    const languages = parseLanguages(options.languages ?? DEFAULT_LANGUAGES);
    const pageSegMode = validatePageSegMode(options.pageSegMode ?? DEFAULT_PAGE_SEG_MODE);
    const limits = resolveLimits(options.preprocess);
    const initTimeoutMs = options.workerInitTimeoutMs ?? DEFAULT_WORKER_INIT_TIMEOUT_MS;
    const jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
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
      { concurrency: options.concurrency, languages, langPath, pageSegMode, engineVersion: ENGINE_VERSION, ms: Math.round(performance.now() - started) },
      'OCR engine ready',
    );
    return new OcrEngine(pool, limits, pageSegMode, jobTimeoutMs, logger);
  }

  /** OCR of one page image (PNG, JPEG, TIFF first page, WebP). Throws OcrInputError for unusable images. */
  recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
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
        const prepared = await preprocessImage(image, { scale: options.scale, limits: this.limits });
        const preprocessMs = Math.round(performance.now() - started);
        // Decoded on this thread while the tesseract worker thread reads the page.
        const qrPromise = options.qr === false ? Promise.resolve(null) : decodeQr(image);
        const recognized = await Promise.race([
          worker.tess.recognize(
            prepared.data,
            // Per-call tesseract parameters: tesseract.js sets them for this job and restores them afterwards.
            { tessedit_pageseg_mode: String(pageSegMode) } as Partial<Tesseract.RecognizeOptions>,
            { text: true, blocks: true },
          ),
          worker.crashed,
        ]).catch((err: unknown) => {
          if (err instanceof OcrEngineError) throw err;
          throw new OcrEngineError('WORKER_FAILED', `tesseract failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        });
        const words = collectWords(recognized.data.blocks as TessBlockLike[] | null, {
          scaleX: prepared.plan.scaleX,
          scaleY: prepared.plan.scaleY,
          width: prepared.original.width,
          height: prepared.original.height,
        });
        const qrPayload = await qrPromise;
        const durationMs = Math.round(performance.now() - started);
        this.logger.debug(
          { workerId: worker.id, scale: prepared.plan.scale, pageSegMode, words: words.length, durationMs, qr: qrPayload !== null },
          'page recognized',
        );
        return {
          text: recognized.data.text ?? '',
          words,
          meanConfidence: meanWordConfidence(words),
          width: prepared.original.width,
          height: prepared.original.height,
          durationMs,
          timings: { preprocessMs, recognizeMs: durationMs - preprocessMs },
          engineVersion: ENGINE_VERSION,
          qrPayload,
        };
      },
      { timeoutMs: this.jobTimeoutMs },
    );
  }

  /** size = workers, busy/idle = workers running a page or not, queued = calls waiting, created = workers created so far. */
  stats(): OcrEngineStats {
    return this.pool.stats();
  }

  /** Refuses new calls, waits for accepted ones (running and queued), then stops the workers. */
  terminate(): Promise<void> {
    return this.pool.close();
  }
}

async function createEngineWorker(index: number, langs: string, langPath: string, initTimeoutMs: number, logger: OcrLogger): Promise<EngineWorker> {
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
    throw err instanceof OcrEngineError ? err : new OcrEngineError('ENGINE_INIT_FAILED', `tesseract worker ${index} failed to start`, { cause: err });
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
