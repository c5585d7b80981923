import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","disagreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.95083,0.08761,1.78122,1.25129,0.16952,0.08003,-0.2863,-0.26085,-0.30494],"bias":-0.831},"threshold":0.937};
