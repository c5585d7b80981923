import { describe, expect, it } from '@jest/globals';
import { eraseRulingLines, ruleOptionsFor } from './ruling.lines.js';

const W = 600;
const H = 400;

function blank(): Uint8Array {
  return new Uint8Array(W * H).fill(250);
}

function fill(data: Uint8Array, x0: number, y0: number, x1: number, y1: number, level = 20): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * W + x] = level;
}

const count = (data: Uint8Array, x0: number, y0: number, x1: number, y1: number, dark = 128): number => {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((data[y * W + x] as number) <= dark) n++;
  return n;
};

/** "Letters": strokes of a character's size (8 x 12 px blocks with a 2 px stem), one touching the rule under it. */
function letters(data: Uint8Array, x: number, y: number, n: number): void {
  for (let i = 0; i < n; i++) {
    fill(data, x + i * 12, y, x + i * 12 + 8, y + 2);
    fill(data, x + i * 12 + 3, y, x + i * 12 + 5, y + 12);
  }
}

describe('eraseRulingLines', () => {
  it('paints a table grid over and keeps the print in its cells, also where it touches a rule', () => {
    const data = blank();
    fill(data, 50, 100, 550, 102); // horizontal rules, 2 px
    fill(data, 50, 140, 550, 142);
    fill(data, 50, 100, 52, 142); // vertical rules
    fill(data, 300, 100, 302, 142);
    letters(data, 54, 110, 10); // the first letter touches the left rule
    letters(data, 310, 128, 5); // these stand on the bottom rule (y 128..140)
    const before = count(data, 53, 104, 299, 139) + count(data, 303, 104, 549, 139);
    const share = eraseRulingLines({ data, width: W, height: H });
    expect(share).toBeGreaterThan(0);
    expect(count(data, 50, 100, 550, 102)).toBe(0);
    // Under the letters standing on the bottom rule the rule stays (strokes joined to it, every 12 px, leave no
    // long thin run); beside them it goes.
    expect(count(data, 50, 140, 300, 142) + count(data, 372, 140, 550, 142)).toBe(0);
    expect(count(data, 50, 100, 52, 142)).toBe(0);
    expect(count(data, 300, 100, 302, 142)).toBe(0);
    // The letters keep their ink but for the fringe pixel next to a rule.
    const after = count(data, 53, 104, 299, 139) + count(data, 303, 104, 549, 139);
    expect(after).toBeGreaterThan(before * 0.9);
  });

  it('keeps filled boxes, bars and short strokes', () => {
    const data = blank();
    fill(data, 100, 50, 400, 80); // a solid bar, 30 px tall
    fill(data, 100, 200, 120, 202); // a dash, 20 px: under the shortest rule (24 px on this page)
    fill(data, 200, 300, 202, 320); // a letter's stem, 20 px tall
    const bar = count(data, 100, 50, 400, 80);
    const strokes = count(data, 100, 200, 120, 202) + count(data, 200, 300, 202, 320);
    eraseRulingLines({ data, width: W, height: H });
    expect(count(data, 100, 50, 400, 80)).toBe(bar);
    expect(count(data, 100, 200, 120, 202) + count(data, 200, 300, 202, 320)).toBe(strokes);
  });

  it("keeps large print's stems longer than the shortest rule when the page's print is measured", () => {
    const data = blank();
    fill(data, 100, 100, 103, 130); // a title's stem: 30 px tall, 3 px wide
    fill(data, 50, 300, 550, 302); // a rule
    const options = ruleOptionsFor({ data, width: W, height: H });
    expect(options?.minRun).toBeLessThan(30);
    eraseRulingLines({ data, width: W, height: H }, options, () => 10);
    expect(count(data, 100, 100, 103, 130)).toBe(90);
    expect(count(data, 50, 300, 550, 302)).toBe(0);
  });

  it('keeps what thinning leaves of a long run broken by thick strokes (tops of touching letters)', () => {
    const data = blank();
    // A run 200 px long along the letters' tops, each letter's stroke thick every 20 px.
    fill(data, 100, 100, 300, 102);
    for (let x = 100; x < 300; x += 20) fill(data, x, 100, x + 4, 120);
    const before = count(data, 100, 100, 300, 120);
    eraseRulingLines({ data, width: W, height: H });
    expect(count(data, 100, 100, 300, 120)).toBe(before);
  });

  it('paints the grey fringe of an anti-aliased rule', () => {
    const data = blank();
    fill(data, 50, 200, 550, 202, 30);
    fill(data, 50, 199, 550, 200, 120); // the edge, darker than halfway to the paper
    fill(data, 50, 202, 550, 203, 200); // lighter than halfway: left as it is
    eraseRulingLines({ data, width: W, height: H });
    expect(count(data, 50, 199, 550, 202, 200)).toBe(0);
    expect(data[202 * W + 100]).toBe(200);
  });

  it('does nothing on a page of one tone', () => {
    const data = blank();
    expect(ruleOptionsFor({ data, width: W, height: H })).toBeNull();
    expect(eraseRulingLines({ data, width: W, height: H })).toBe(0);
  });

  it('scales its lengths with the page', () => {
    const small = ruleOptionsFor({ data: Uint8Array.from([0, 255, 0, 255]), width: 2, height: 2 });
    const a4 = ruleOptionsFor({ data: Uint8Array.from({ length: 1240 * 4 }, (_, i) => (i % 3 ? 255 : 0)), width: 1240, height: 4 });
    expect(small?.minRun).toBe(24);
    expect(
      ruleOptionsFor({ data: new Uint8Array(1240 * 1754).map((_, i) => (i % 7 ? 250 : 10)), width: 1240, height: 1754 }),
    ).toMatchObject({
      minRun: 50,
      maxThickness: 4,
    });
    expect(a4?.maxThickness).toBe(3);
  });
});
