import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.79202,0.02678,1.84392,1.19212,0.58569,-0.62811,0.1165,-0.30121],"bias":-0.84755},"threshold":0.901};
