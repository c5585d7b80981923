import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","disagreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.93364,0.10606,1.27561,1.83103,0.29884,0.45763,-0.50466,-0.14455,-0.26316],"bias":-1.02899},"threshold":0.907};
