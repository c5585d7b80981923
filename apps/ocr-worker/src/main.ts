import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWorker } from './bootstrap.js';
import { loadWorkerConfig } from './config/worker.config.js';
import { lowerCpuPriority } from './runtime/cpu.priority.js';

const logger = new Logger('OcrWorker');
const { config, warning } = loadWorkerConfig();
if (warning) logger.warn(warning);
// Before the OCR threads start, so that they inherit it.
const priority = lowerCpuPriority(config.OCR_NICE);
await createWorker(config);
logger.log(`OCR worker consuming queue with concurrency ${config.OCR_CONCURRENCY}, nice ${priority.nice}`);
