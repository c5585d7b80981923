/**
 * Platt scaling with more than one input: the probability that a chosen value is right, as a logistic function of
 * a few signals about the choice (see {@link confidenceSignals}). Fitted by full-batch Adam on the log-loss with a
 * small L2 penalty on the weights (not the bias). Plain TypeScript, deterministic.
 */
export interface LogisticCalibration {
  weights: number[];
  bias: number;
}

export interface CalibrationRow {
  x: readonly number[];
  right: boolean;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function applyLogistic(model: LogisticCalibration, x: readonly number[]): number {
  return sigmoid(model.weights.reduce((s, w, i) => s + w * (x[i] ?? 0), model.bias));
}

/** The calibration of rows (an all-right or empty set gives a constant near its share right). */
export function fitLogistic(
  rows: readonly CalibrationRow[],
  options: { l2?: number; epochs?: number; learningRate?: number } = {},
): LogisticCalibration {
  const dim = rows[0]?.x.length ?? 0;
  const params = new Array<number>(dim + 1).fill(0);
  const m = new Array<number>(dim + 1).fill(0);
  const v = new Array<number>(dim + 1).fill(0);
  const l2 = options.l2 ?? 0.01;
  const lr = options.learningRate ?? 0.05;
  const n = Math.max(1, rows.length);
  for (let t = 1; t <= (options.epochs ?? 400); t++) {
    const grad = new Array<number>(dim + 1).fill(0);
    for (const row of rows) {
      const diff = applyLogistic({ weights: params.slice(0, dim), bias: params[dim] ?? 0 }, row.x) - (row.right ? 1 : 0);
      for (let i = 0; i < dim; i++) grad[i] = (grad[i] ?? 0) + diff * (row.x[i] ?? 0);
      grad[dim] = (grad[dim] ?? 0) + diff;
    }
    for (let i = 0; i <= dim; i++) {
      const g = (grad[i] ?? 0) / n + (i < dim ? l2 * (params[i] ?? 0) : 0);
      m[i] = 0.9 * (m[i] ?? 0) + 0.1 * g;
      v[i] = 0.999 * (v[i] ?? 0) + 0.001 * g * g;
      params[i] = (params[i] ?? 0) - (lr * ((m[i] ?? 0) / (1 - 0.9 ** t))) / (Math.sqrt((v[i] ?? 0) / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  return { weights: params.slice(0, dim).map(round), bias: round(params[dim] ?? 0) };
}
