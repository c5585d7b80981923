/**
 * Pure parts of the PP-OCR (PaddleOCR v4) line recognizer: the character dictionary, greedy CTC decoding
 * of the model's per-time-step probabilities into words with their x positions, and the Latin filter.
 *
 * The model reads a line crop scaled to 48 px high and emits one probability row per time step (8 input
 * pixels wide): class 0 is the CTC blank, classes 1..n the dictionary's characters, the last class a space.
 * PP-OCR rarely emits spaces between Latin words, so words are also split where the run of blanks
 * between two characters is much wider than the line's usual character pitch.
 */

/** One recognized word: its text, mean character probability (0..1) and span in time steps [start, end). */
export interface CtcWord {
  text: string;
  confidence: number;
  start: number;
  end: number;
}

export interface CtcLine {
  words: CtcWord[];
  /** Mean probability of all emitted characters (0..1); 0 when nothing was emitted. */
  confidence: number;
  /** Characters dropped by the Latin filter (a sign the crop is not Latin text, or a misreading). */
  dropped: number;
  /** Time steps of the output. */
  steps: number;
}

export interface CtcOptions {
  /** A gap between two characters wider than this many times the median pitch starts a new word. Default 1.7. */
  gapFactor?: number;
}

/** The model's classes: index 0 = blank, 1..n = lines of the dictionary file, n+1 = space. */
export function parseDictionary(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return ['', ...lines, ' '];
}

/**
 * The character as Latin text, or null when it is not: NFKC maps full-width forms (`，`, `：`, `（`) to
 * ASCII; kept are printable ASCII, Latin-1 and Latin Extended letters, and the currency signs € £ ¥.
 */
export function latinChar(char: string): string | null {
  const normal = char.normalize('NFKC');
  if (normal.length === 0) return null;
  for (const c of normal) {
    const code = c.codePointAt(0) ?? 0;
    const latin = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x24f) || c === '€' || c === '£' || c === '¥';
    if (!latin) return null;
  }
  return normal;
}

interface Emission {
  char: string;
  prob: number;
  start: number;
  end: number;
}

/** Greedy CTC: the best class per step, repeats merged, blanks removed; each emission with its step span. */
function emissions(probs: Float32Array, steps: number, classes: number, dictionary: readonly string[]): Emission[] {
  const out: Emission[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestProb = -1;
    const row = t * classes;
    for (let c = 0; c < classes; c++) {
      const p = probs[row + c] as number;
      if (p > bestProb) {
        bestProb = p;
        best = c;
      }
    }
    if (best !== 0 && best === previous) {
      const last = out[out.length - 1] as Emission;
      last.end = t + 1;
      last.prob = Math.max(last.prob, bestProb);
    } else if (best !== 0) {
      out.push({ char: dictionary[best] ?? '', prob: bestProb, start: t, end: t + 1 });
    }
    previous = best;
  }
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Decodes a [steps × classes] probability matrix (row-major) into Latin words. Non-Latin characters are
 * dropped and counted; a space class or a wide blank gap ends a word.
 */
export function decodeCtc(
  probs: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
  options: CtcOptions = {},
): CtcLine {
  const gapFactor = options.gapFactor ?? 1.7;
  const emitted = emissions(probs, steps, classes, dictionary);
  const pitches: number[] = [];
  for (let i = 1; i < emitted.length; i++) {
    const a = emitted[i - 1] as Emission;
    const b = emitted[i] as Emission;
    if (a.char !== ' ' && b.char !== ' ') pitches.push(b.start - a.start);
  }
  const pitch = Math.max(1, median(pitches));
  const words: CtcWord[] = [];
  let current: { chars: string; probs: number[]; start: number; end: number } | null = null;
  let dropped = 0;
  let probSum = 0;
  const flush = () => {
    if (current && current.chars.trim() !== '') {
      const confidence = current.probs.reduce((s, p) => s + p, 0) / current.probs.length;
      words.push({ text: current.chars.trim(), confidence, start: current.start, end: current.end });
    }
    current = null;
  };
  let previousStart = -Infinity;
  for (const e of emitted) {
    probSum += e.prob;
    if (e.char === ' ') {
      flush();
      continue;
    }
    const char = latinChar(e.char);
    if (char === null) {
      // A dropped character still stands between its neighbours: no word gap around it.
      dropped++;
      previousStart = e.start;
      continue;
    }
    if (current && e.start - previousStart > gapFactor * pitch) flush();
    previousStart = e.start;
    if (current === null) current = { chars: '', probs: [], start: e.start, end: e.end };
    (current as { chars: string; probs: number[]; end: number }).chars += char;
    (current as { probs: number[] }).probs.push(e.prob);
    (current as { end: number }).end = e.end;
  }
  flush();
  return { words, confidence: emitted.length ? probSum / emitted.length : 0, dropped, steps };
}
