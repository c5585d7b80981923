import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","disagreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.94176,0.05217,1.7253,1.5063,0.11253,0.44498,-0.46661,-0.11324,-0.29265],"bias":-0.83638},"threshold":0.937};
