import { loadConfig, segmentationEnvSchema, type SegmentationEnv } from '@invoice/config';

export const SEGMENTATION_CONFIG = Symbol('SEGMENTATION_CONFIG');
export type SegmentationConfig = SegmentationEnv;

/** Parses the environment once; throws (naming the variables) on bad values or on dev defaults in production. */
export const loadSegmentationConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(segmentationEnvSchema, env);
