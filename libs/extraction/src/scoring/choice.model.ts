/**
 * A conditional-logit choice model: among a document's candidates for one field (one of them stands for
 * "not printed"), the probability of each is the softmax of a linear score of its standardized features. Trained
 * by full-batch Adam on the negative log-likelihood of the right candidates (any of several equal ones),
 * with an L2 penalty. Plain TypeScript, no native code.
 */
export interface ChoiceModel {
  mean: number[];
  scale: number[];
  weights: number[];
}

/** One document's choice: the candidates' features, and which of them are right (at least one). */
export interface ChoiceExample {
  features: number[][];
  right: boolean[];
}

export interface TrainOptions {
  l2?: number;
  epochs?: number;
  learningRate?: number;
}

const dot = (w: readonly number[], x: readonly number[]): number => w.reduce((s, wi, i) => s + wi * (x[i] as number), 0);

export function standardize(model: Pick<ChoiceModel, 'mean' | 'scale'>, x: readonly number[]): number[] {
  return x.map((v, i) => (v - (model.mean[i] as number)) / (model.scale[i] as number));
}

/** Probabilities of the candidates, in order. */
export function choiceProbabilities(model: ChoiceModel, features: readonly (readonly number[])[]): number[] {
  const scores = features.map((x) => dot(model.weights, standardize(model, x)));
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

function featureStats(examples: readonly ChoiceExample[], dim: number): { mean: number[]; scale: number[] } {
  const rows = examples.flatMap((e) => e.features);
  const mean = Array.from({ length: dim }, (_, i) => rows.reduce((s, r) => s + (r[i] as number), 0) / Math.max(1, rows.length));
  const scale = mean.map((m, i) =>
    Math.max(1e-3, Math.sqrt(rows.reduce((s, r) => s + ((r[i] as number) - m) ** 2, 0) / Math.max(1, rows.length))),
  );
  return { mean, scale };
}

/** Gradient of the mean negative log-likelihood over the examples (features already standardized). */
function gradient(weights: readonly number[], examples: readonly { x: number[][]; right: boolean[] }[]): number[] {
  const grad = new Array<number>(weights.length).fill(0);
  const plain = { mean: weights.map(() => 0), scale: weights.map(() => 1), weights: [...weights] };
  for (const e of examples) {
    const p = choiceProbabilities(plain, e.x);
    const rightMass = e.right.reduce((s, r, i) => s + (r ? (p[i] as number) : 0), 0);
    e.x.forEach((x, c) => {
      const diff = (p[c] as number) - (e.right[c] ? (p[c] as number) / rightMass : 0);
      if (diff !== 0) x.forEach((v, i) => (grad[i] = (grad[i] as number) + diff * v));
    });
  }
  return grad.map((g) => g / Math.max(1, examples.length));
}

export function trainChoiceModel(examples: readonly ChoiceExample[], options: TrainOptions = {}): ChoiceModel {
  const usable = examples.filter((e) => e.right.some(Boolean));
  const dim = usable.find((e) => e.features.length)?.features[0]?.length ?? 0;
  const { mean, scale } = featureStats(usable, dim);
  const weights = new Array<number>(dim).fill(0);
  const std = usable.map((e) => ({ x: e.features.map((f) => standardize({ mean, scale }, f)), right: e.right }));
  const l2 = options.l2 ?? 0.01;
  const lr = options.learningRate ?? 0.05;
  const m = new Array<number>(dim).fill(0);
  const v = new Array<number>(dim).fill(0);
  for (let t = 1; t <= (options.epochs ?? 300); t++) {
    const g = gradient(weights, std);
    for (let i = 0; i < dim; i++) {
      const gi = (g[i] as number) + l2 * (weights[i] as number);
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
      weights[i] =
        (weights[i] as number) - (lr * ((m[i] as number) / (1 - 0.9 ** t))) / (Math.sqrt((v[i] as number) / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  return { mean: mean.map(round), scale: scale.map((s) => Math.max(1e-3, round(s))), weights: weights.map(round) };
}
