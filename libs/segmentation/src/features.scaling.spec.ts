import { describe, expect, it } from '@jest/globals';
import { buildFeatures, rawFeatures, scaleRaw, toRealUnits } from './features.scaling.js';
import { at } from './indexed.access.js';

const row = (customerKey: string, recencyDays: number, frequency: number, monetary: number) => ({
  customerKey,
  recencyDays,
  frequency,
  monetary,
});

describe('buildFeatures', () => {
  it('log-transforms F and M and standardizes every column (hand-computed)', () => {
    // F = [0, e-1, e^3-1] -> log1p = [0, 1, 3]; M = [e^2-1, e^2-1, e^5-1] -> log1p = [2, 2, 5]
    const e = Math.E;
    const { matrix, scaler } = buildFeatures([
      row('a', 10, 0, e ** 2 - 1),
      row('b', 20, e - 1, e ** 2 - 1),
      row('c', 60, e ** 3 - 1, e ** 5 - 1),
    ]);
    // R: mean 30, population variance (400 + 100 + 900) / 3 = 1400/3
    // log F: mean 4/3, variance ((4/3)^2 + (1/3)^2 + (5/3)^2) / 3 = 42/27
    // log M: mean 3, variance (1 + 1 + 4) / 3 = 2
    expect(scaler.mean[0]).toBeCloseTo(30, 12);
    expect(scaler.mean[1]).toBeCloseTo(4 / 3, 12);
    expect(scaler.mean[2]).toBeCloseTo(3, 12);
    expect(scaler.std[0]).toBeCloseTo(Math.sqrt(1400 / 3), 12);
    expect(scaler.std[1]).toBeCloseTo(Math.sqrt(42 / 27), 12);
    expect(scaler.std[2]).toBeCloseTo(Math.sqrt(2), 12);
    expect(matrix[0]?.[0]).toBeCloseTo(-20 / Math.sqrt(1400 / 3), 12);
    expect(matrix[2]?.[1]).toBeCloseTo(5 / 3 / Math.sqrt(42 / 27), 12);
    expect(matrix[0]?.[2]).toBeCloseTo(-1 / Math.sqrt(2), 12);
    for (let j = 0; j < 3; j++) {
      const column = matrix.map((p) => at(p, j));
      const mean = column.reduce((s, v) => s + v, 0) / 3;
      const variance = column.reduce((s, v) => s + (v - mean) ** 2, 0) / 3;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
  });

  it('turns a constant column into zeros, never NaN', () => {
    const { matrix, scaler } = buildFeatures([row('a', 7, 1, 100), row('b', 7, 3, 100), row('c', 7, 1, 100)]);
    expect(scaler.std[0]).toBe(0);
    expect(scaler.std[2]).toBe(0);
    expect(matrix.map((p) => p[0])).toEqual([0, 0, 0]);
    expect(matrix.map((p) => p[2])).toEqual([0, 0, 0]);
    expect(matrix.flat().every(Number.isFinite)).toBe(true);
  });

  it('treats a column of identical values with a rounding-level spread as constant', () => {
    const rows = Array.from({ length: 7 }, (_, i) => row(String(i), 0.1, 3, 1234.56));
    const { matrix, scaler } = buildFeatures(rows);
    expect(scaler.std).toEqual([0, 0, 0]);
    expect(matrix.flat().every((v) => v === 0)).toBe(true);
  });

  it('handles no customers and one customer', () => {
    expect(buildFeatures([])).toEqual({ matrix: [], scaler: { mean: [0, 0, 0], std: [0, 0, 0] } });
    const one = buildFeatures([row('a', 12, 3, 99)]);
    expect(one.matrix).toEqual([[0, 0, 0]]);
    expect(one.scaler.mean[0]).toBe(12);
    expect(one.scaler.mean[1]).toBeCloseTo(Math.log(4), 12);
    expect(one.scaler.std).toEqual([0, 0, 0]);
  });

  it('takes a negative monetary as 0 and refuses a negative frequency or non-finite values', () => {
    expect(rawFeatures(row('a', 1, 0, -50))).toEqual([1, 0, 0]);
    expect(() => rawFeatures(row('a', 1, -1, 5))).toThrow(RangeError);
    expect(() => buildFeatures([row('a', Number.NaN, 1, 5)])).toThrow(/customer a/);
    expect(() => buildFeatures([row('a', 1, 1, Number.POSITIVE_INFINITY)])).toThrow(RangeError);
  });
});

describe('toRealUnits', () => {
  it('maps a scaled point back to days, invoices and amount', () => {
    const scaler = { mean: [30, Math.log(4), Math.log(101)] as [number, number, number], std: [10, 0.5, 2] as [number, number, number] };
    const real = toRealUnits([1, 0, -1], scaler);
    expect(real.recencyDays).toBeCloseTo(40, 12);
    expect(real.frequency).toBeCloseTo(3, 12);
    expect(real.monetary).toBeCloseTo(101 * Math.exp(-2) - 1, 10);
  });

  it('round-trips every customer of buildFeatures', () => {
    const rows = [row('a', 3, 1, 10), row('b', 300, 12, 25_000), row('c', 45, 4, 980.5)];
    const { matrix, scaler } = buildFeatures(rows);
    expect(matrix).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const p = at(matrix, i);
      const real = toRealUnits(p, scaler);
      expect(real.recencyDays).toBeCloseTo(row.recencyDays, 9);
      expect(real.frequency).toBeCloseTo(row.frequency, 9);
      expect(real.monetary).toBeCloseTo(row.monetary, 6);
      expect(
        scaleRaw(rawFeatures(row), scaler)
          .map((v, j) => v - at(p, j))
          .every((d) => Math.abs(d) < 1e-12),
      ).toBe(true);
    });
  });

  it('gives back the common value of a constant column', () => {
    const { matrix, scaler } = buildFeatures([row('a', 7, 2, 100), row('b', 7, 2, 100)]);
    expect(toRealUnits(at(matrix, 0), scaler)).toEqual({
      recencyDays: 7,
      frequency: expect.closeTo(2, 12),
      monetary: expect.closeTo(100, 10),
    });
  });
});
