import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createSegmentationService } from './bootstrap.js';
import { loadSegmentationConfig } from './config/segmentation.config.js';

const logger = new Logger('Segmentation');
const { config, warning } = loadSegmentationConfig();
if (warning) logger.warn(warning);
await createSegmentationService(config);
logger.log(`Segmentation service running (max k ${config.SEGMENTATION_MAX_K})`);
