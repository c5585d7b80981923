import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { DomainError } from '@invoice/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

export const UPLOAD_FIELD = 'files';

/** Parses `multipart/form-data` parts named `files`, turning multer's limit errors into clear domain errors. */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly parse: (req: Request, res: Response, cb: (error?: unknown) => void) => void;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.MAX_UPLOAD_BYTES, files: config.MAX_FILES_PER_REQUEST, fields: 20, parts: config.MAX_FILES_PER_REQUEST + 20 },
    }).array(UPLOAD_FIELD) as never;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!req.is('multipart/form-data')) {
      throw new DomainError('VALIDATION_FAILED', `Send files as multipart/form-data in parts named "${UPLOAD_FIELD}"`);
    }
    await new Promise<void>((resolve, reject) =>
      this.parse(req, http.getResponse<Response>(), (error) => (error ? reject(this.translate(error)) : resolve())),
    );
    return next.handle();
  }

  private translate(error: unknown): unknown {
    if (!(error instanceof multer.MulterError)) return error;
    const { MAX_UPLOAD_BYTES, MAX_FILES_PER_REQUEST } = this.config;
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new DomainError('PAYLOAD_TOO_LARGE', `A file is larger than the limit of ${MAX_UPLOAD_BYTES} bytes (MAX_UPLOAD_BYTES)`);
      case 'LIMIT_FILE_COUNT':
        return new DomainError('TOO_MANY_FILES', `Too many files: at most ${MAX_FILES_PER_REQUEST} per request (MAX_FILES_PER_REQUEST)`);
      case 'LIMIT_UNEXPECTED_FILE':
        return new DomainError('VALIDATION_FAILED', `Unexpected file field "${error.field}": name every file part "${UPLOAD_FIELD}"`);
      default:
        return new DomainError('VALIDATION_FAILED', `Malformed upload: ${error.message}`);
    }
  }
}
