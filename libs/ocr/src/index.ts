export {
  OcrEngine,
  ENGINE_VERSION,
  DEFAULT_PAGE_SEG_MODE,
  DEFAULT_JOB_TIMEOUT_MS,
  DEFAULT_MAX_PAGES,
  DEFAULT_PDF_RENDER_DPI,
} from './ocr.engine.js';
export type {
  OcrEngineOptions,
  OcrEngineStats,
  PageImage,
  RecognizeOptions,
  RecognizeDocumentOptions,
  OcrDocumentResult,
  PageSource,
} from './ocr.engine.js';
export { PDF_TEXT_ENGINE, isPdf, pageReading, readPdfAttachments } from './pdf.document.js';
export type { PdfAttachment } from './pdf.document.js';
export { OcrInputError, OcrEngineError } from './ocr.errors.js';
export type { OcrInputErrorCode, OcrEngineErrorCode } from './ocr.errors.js';
export type { OcrLogger } from './ocr.logger.js';
export { decodeQr } from './qr.decoder.js';
export { planPreprocessing, DEFAULT_PREPROCESS_LIMITS } from './preprocess.plan.js';
export type { PreprocessPlan, PreprocessLimits, ImageSize } from './preprocess.plan.js';
export { preprocessImage, ACCEPTED_IMAGE_FORMATS } from './preprocess.image.js';
export type { PreparedImage } from './preprocess.image.js';
export { DEFAULT_LANGUAGES, prepareTessdataDir } from './tessdata.paths.js';
export { DEFAULT_PREPROCESS_STEPS, resolveSteps, parseStepList, measureSkew, verticalTextRatio } from './preprocess.steps.js';
export type { PreprocessSteps, ResolvedSteps } from './preprocess.steps.js';
export type { PreprocessOptions } from './preprocess.image.js';
export { PpocrRecognizer, defaultPpocrPaths } from './ppocr.recognizer.js';
export type { PpocrLine, PpocrPaths } from './ppocr.recognizer.js';
export { chooseLineReading, valueShapes } from './engine.choice.js';
export { SecondRecognizer } from './second.recognizer.js';
export type { SecondRecognizerName, SecondRecognizerOptions } from './second.recognizer.js';
export { DEFAULT_SECOND_THRESHOLD } from './second.pass.js';
export { decodeQrGrey, DEFAULT_QR_BUDGET_MS } from './qr.decoder.js';
export type { QrSearchOptions } from './qr.decoder.js';
export { PAGE_STAGES, StageClock } from './stage.clock.js';
export type { PageStage, StageTimes } from './stage.clock.js';
