/** Structured logger, shaped so that a pino logger (or a child of one) can be passed as is. */
export interface OcrLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const noop = (): void => undefined;
export const silentLogger: OcrLogger = { debug: noop, info: noop, warn: noop, error: noop };
