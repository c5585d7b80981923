import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","disagreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.92973,0.10558,1.2887,1.79704,0.27835,0.45169,-0.48293,-0.14716,-0.26681],"bias":-1.00839},"threshold":0.908};
