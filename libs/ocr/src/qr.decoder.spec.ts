import { describe, expect, it } from '@jest/globals';
import { QR_OVERVIEW_SIDE, qrLooks } from './qr.decoder.js';

describe('QR looks', () => {
  it('starts with the whole page shrunk to the overview side, then the corners, top right first, then the thresholded page', () => {
    const looks = qrLooks(2480, 3508);
    expect(looks.map((l) => l.name)).toEqual(['overview', 'top-right', 'bottom-right', 'top-left', 'bottom-left', 'threshold']);
    expect(Math.max(looks[0]!.width, looks[0]!.height) * looks[0]!.factor).toBeCloseTo(QR_OVERVIEW_SIDE, 5);
    const topRight = looks[1]!;
    expect(topRight.left + topRight.width).toBe(2480);
    expect(topRight.top).toBe(0);
    // A large scan's corners at most 2000 px on the long side's scale.
    expect(topRight.factor).toBeCloseTo(2000 / 3508, 5);
  });

  it('reads the corners of a small page at 2x and never enlarges the overview', () => {
    const looks = qrLooks(850, 1100);
    expect(looks[0]!.factor).toBeCloseTo(QR_OVERVIEW_SIDE / 1100, 5);
    expect(looks[1]!.factor).toBe(2);
    expect(qrLooks(500, 650)[0]!.factor).toBe(1);
  });

  it('keeps every look inside the page', () => {
    for (const [w, h] of [
      [850, 1100],
      [457, 1170],
      [2481, 3508],
      [17, 16],
    ] as const) {
      for (const look of qrLooks(w, h)) {
        expect(look.left).toBeGreaterThanOrEqual(0);
        expect(look.top).toBeGreaterThanOrEqual(0);
        expect(look.left + look.width).toBeLessThanOrEqual(w);
        expect(look.top + look.height).toBeLessThanOrEqual(h);
      }
    }
  });
});
