import type { Candidate, ScoredField } from '../candidates/candidate.types.js';
import { sameValue } from '../candidates/candidate.builder.js';
import { choiceProbabilities, type ChoiceModel } from './choice.model.js';
import type { ValueOption } from './scorer.types.js';

/**
 * The values a field may take, most probable first: candidates of equal value pooled (a total printed twice
 * is one value); the "not printed" candidate gives the option of value null.
 */
export function valueOptions(model: ChoiceModel, candidates: readonly Candidate[]): ValueOption[] {
  const p = choiceProbabilities(
    model,
    candidates.map((c) => c.features),
  );
  const options: (ValueOption & { best: number })[] = [];
  candidates.forEach((c, i) => {
    const pi = p[i] as number;
    const existing = options.find((o) => (c.value === null ? o.value === null : sameValue(o.value, c.value)));
    if (!existing) options.push({ value: c.value, probability: pi, words: c.words, best: pi });
    else {
      existing.probability += pi;
      if (pi > existing.best) Object.assign(existing, { words: c.words, best: pi });
    }
  });
  return options.sort((a, b) => b.probability - a.probability).map(({ best: _best, ...o }) => o);
}

export type FieldOptions = Record<ScoredField, ValueOption[]>;
