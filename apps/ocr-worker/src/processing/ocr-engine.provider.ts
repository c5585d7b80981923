import { Logger, type Provider } from '@nestjs/common';
import { OcrEngine, parseStepList } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';

/** One pool of tesseract.js workers per process, created at start and reused by every job. */
export const OcrEngineProvider: Provider = {
  provide: OcrEngine,
  inject: [WORKER_CONFIG],
  useFactory: async (config: WorkerConfig) => {
    const logger = new Logger('OcrEngine');
    const engine = await OcrEngine.create({
      concurrency: config.OCR_CONCURRENCY,
      languages: config.OCR_LANGUAGES,
      tessdataDir: config.TESSDATA_DIR,
      maxPages: config.MAX_PAGES,
      pdfRenderDpi: config.PDF_RENDER_DPI,
      preprocess: { maxInputPixels: config.MAX_PAGE_PIXELS },
      preprocessSteps: parseStepList(config.OCR_PREPROCESS),
      secondRecognizer: {
        engine: config.OCR_SECOND_RECOGNIZER,
        threshold: config.OCR_SECOND_THRESHOLD,
        pageThreshold: config.OCR_SECOND_PAGE_THRESHOLD,
      },
      logger: {
        debug: (obj, msg) => logger.debug(obj, msg),
        info: (obj, msg) => logger.log(obj, msg),
        warn: (obj, msg) => logger.warn(obj, msg),
        error: (obj, msg) => logger.error(obj, msg),
      },
    });
    logger.log(
      `OCR engine ready with ${config.OCR_CONCURRENCY} tesseract worker(s), languages ${config.OCR_LANGUAGES}, second recognizer ${engine.secondRecognizerActive ? 'ppocr' : 'off'}`,
    );
    return engine;
  },
};
