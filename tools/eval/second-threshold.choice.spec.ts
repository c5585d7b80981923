import { describe, expect, it } from '@jest/globals';
import { chooseByFold, foldFigures, foldOf, shopKey, type RunDocument, type ThresholdRun } from './second-threshold.choice.js';

const doc = (id: string, shop: string, errors: number, fieldsRight = 1): RunDocument => ({
  id,
  shop,
  cer: { lines: 1, chars: 100, errorsLine: errors, errorsWindow: errors },
  fieldsRight,
  fields: 1,
});

/** Two shops that hash into different folds. */
const shops = (): [string, string] => {
  const names = ['SHOP ALPHA', 'SHOP BETA', 'SHOP GAMMA', 'SHOP DELTA', 'SHOP EPSILON'];
  const a = names.find((n) => foldOf(n) === 0)!;
  const b = names.find((n) => foldOf(n) === 1)!;
  return [a, b];
};

describe('second threshold choice', () => {
  it('keeps every receipt of a shop in one fold, whatever its spelling', () => {
    expect(shopKey('Café  Alpha, S.A.')).toBe('cafealphasa');
    expect(foldOf('CAFE ALPHA SA')).toBe(foldOf('Café Alpha, S.A.'));
  });

  it('chooses on one fold and reports on the other, within the CPU budget', () => {
    const [a, b] = shops();
    const reference: ThresholdRun = { threshold: null, cpuSecondsPerPage: 1, documents: [doc('1', a, 10), doc('2', b, 12)] };
    const cheap: ThresholdRun = { threshold: 75, cpuSecondsPerPage: 1.2, documents: [doc('1', a, 8), doc('2', b, 9)] };
    const dear: ThresholdRun = { threshold: 95, cpuSecondsPerPage: 2.5, documents: [doc('1', a, 2), doc('2', b, 3)] };
    const [onA, onB] = chooseByFold(reference, [cheap, dear], 2);
    // The dearest run reads best but costs 2.5x: out of the budget.
    expect(onA).toMatchObject({ chosenOn: 0, reportedOn: 1, threshold: 75 });
    expect(onA!.reported.cer).toBeCloseTo(0.09);
    expect(onA!.reference.cer).toBeCloseTo(0.12);
    expect(onB).toMatchObject({ chosenOn: 1, reportedOn: 0, threshold: 75, cpuRatio: 1.2 });
    expect(chooseByFold(reference, [cheap, dear], 3)[0]!.threshold).toBe(95);
  });

  it('may keep tesseract alone when no reread helps the fold it chooses on', () => {
    const [a, b] = shops();
    const reference: ThresholdRun = { threshold: null, cpuSecondsPerPage: 1, documents: [doc('1', a, 5), doc('2', b, 5)] };
    const worse: ThresholdRun = { threshold: 75, cpuSecondsPerPage: 1.1, documents: [doc('1', a, 6), doc('2', b, 4)] };
    const [onA, onB] = chooseByFold(reference, [worse], 2);
    expect(onA!.threshold).toBeNull();
    expect(onB!.threshold).toBe(75);
    expect(foldFigures(worse, 0)).toMatchObject({ documents: 1, fieldsRight: 1, fields: 1 });
  });
});
