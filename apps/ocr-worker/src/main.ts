import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWorker } from './bootstrap.js';
import { loadWorkerConfig } from './config/worker.config.js';

const logger = new Logger('OcrWorker');
const { config, warning } = loadWorkerConfig();
if (warning) logger.warn(warning);
await createWorker(config);
logger.log(`OCR worker consuming queue with concurrency ${config.OCR_CONCURRENCY}`);
