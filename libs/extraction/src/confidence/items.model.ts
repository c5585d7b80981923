import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.79313,0.03056,1.84435,1.19261,0.58609,-0.62379,0.11665,-0.30103],"bias":-0.85468},"threshold":0.901};
