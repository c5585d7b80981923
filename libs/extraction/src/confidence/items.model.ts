import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.97413,0.08479,1.46355,1.5815,0.45435,-0.6942,-0.07985,-0.22347],"bias":-0.76016},"threshold":0.914};
