import type { LogisticCalibration } from './logistic.calibration.js';

/** The line items' calibration and review threshold. Written by `npm run train:items` (tools/train/train-items.ts); do not edit by hand. */
export const ITEMS_MODEL: { version: number; signals: string[]; calibration: LogisticCalibration; threshold: number } = {"version":1,"signals":["minWordConfidence","meanWordConfidence","sumsHold","readAndAgreeShare","disagreeShare","flagged","lineCount","codeInDescription","longDescription"],"calibration":{"weights":[0.88132,0.08796,1.37283,1.82855,0.31501,0.46696,-0.57248,-0.11775,-0.25935],"bias":-0.99643},"threshold":0.92};
