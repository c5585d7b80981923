import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.89828,0.05522,1.68075,1.37379,0.5104,-0.64528,0.05851,-0.21413],"bias":-0.83806},"threshold":0.906};
