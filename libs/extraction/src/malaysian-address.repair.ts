import { allPostcodes, findPostcode } from 'malaysia-postcodes';
import { isOcrSlip } from './text.normalize.js';

/**
 * OCR slips in a Malaysian address, repaired from closed vocabularies: the postcode says which town and state
 * follow it (the `malaysia-postcodes` gazetteer: 16 states, 444 towns and their postcodes, ISC), and street and
 * building words are a short list of Malay words (JALAN, TAMAN, SEKSYEN, ...). "40150 SHAH ALAH" ->
 * "40150 SHAH ALAM", "SARAHAK" -> "SARAWAK", "THN BATU" -> "TMN BATU", "Rava" -> "Raya". Pure functions.
 *
 * A word is changed only when it is not a word of the vocabularies itself and is an OCR slip of exactly one of
 * them (a look-alike letter, `isOcrSlip`). Nothing is changed in an
 * address that does not read as Malaysian (no Malay street word, state or country, and no postcode followed by
 * its own town), so the street names of other countries are never "repaired".
 */

/** Malay street, building and area words of addresses, with their usual abbreviations (upper case). */
const STREET_WORDS = [
  'JALAN',
  'JLN',
  'TAMAN',
  'TMN',
  'LORONG',
  'LRG',
  'PERSIARAN',
  'LEBUH',
  'LEBUHRAYA',
  'LINTANG',
  'LOT',
  'KAWASAN',
  'PERINDUSTRIAN',
  'PERUSAHAAN',
  'INDUSTRI',
  'SEKSYEN',
  'BANDAR',
  'BANGUNAN',
  'WISMA',
  'PLAZA',
  'MENARA',
  'KOMPLEKS',
  'PUSAT',
  'DAGANGAN',
  'PERNIAGAAN',
  'KAMPUNG',
  'BATU',
  'BUKIT',
  'RAYA',
  'UTARA',
  'SELATAN',
  'TIMUR',
  'BARAT',
  'TENGAH',
  'TINGKAT',
  'ARAS',
  'BLOK',
  'UNIT',
  'GROUND',
  'FLOOR',
  'LEVEL',
  'DARUL',
  'EHSAN',
  'TAKZIM',
  'RIDZUAN',
  'KHUSUS',
  'MAKMUR',
  'DESA',
  'SERI',
  'SRI',
  'PANGSAPURI',
  'MEDAN',
  'SIMPANG',
  'PEKAN',
  'PERDANA',
  'JAYA',
  'BARU',
  'BAHRU',
  'MALAYSIA',
];
/** Other Malay words of place names, known so that none of them is taken for a misread street word ("LAMAN" is not "TAMAN"). */
const OTHER_MALAY_WORDS = [
  'LAMAN',
  'LINGKARAN',
  'LENGKOK',
  'LINGKUNGAN',
  'PINGGIRAN',
  'DATARAN',
  'PUNCAK',
  'KOTA',
  'ALAM',
  'INDAH',
  'DAMAI',
  'PERMAI',
  'UTAMA',
  'IMPIAN',
  'BAYU',
  'MUTIARA',
  'CAHAYA',
  'MAHKOTA',
  'SETIA',
  'MEGAH',
  'MAS',
  'EMAS',
  'BUNGA',
  'RAJA',
  'SULTAN',
  'TUN',
  'DATO',
  'DATUK',
  'HAJI',
  'TUANKU',
  'TENGKU',
  'KUALA',
  'SUNGAI',
  'SG',
  'TANJUNG',
  'TANJONG',
  'PADANG',
  'PASAR',
  'BESAR',
  'KECIL',
  'LAMA',
  'KG',
  'PULAU',
  'TELUK',
  'AIR',
  'AYER',
];
/** Other English words of addresses (FLOOR, UNIT... are street words), so that none is taken for a misread Malay one ("BLOCK" is not "BLOK"). */
const ENGLISH_WORDS = [
  'BLOCK',
  'ROAD',
  'STREET',
  'LANE',
  'AVENUE',
  'SUITE',
  'TOWER',
  'CENTRE',
  'CENTER',
  'MALL',
  'PARK',
  'SQUARE',
  'COURT',
  'GARDEN',
  'GARDENS',
  'HEIGHTS',
  'FIRST',
  'SECOND',
  'THIRD',
  'OFF',
  'NEAR',
];
/** Words that by themselves make an address Malaysian. */
const MALAYSIAN_MARKERS = new Set(['JALAN', 'JLN', 'TAMAN', 'TMN', 'LORONG', 'PERSIARAN', 'SEKSYEN', 'MALAYSIA']);

/** "Wp Kuala Lumpur" -> "KUALA LUMPUR": the gazetteer's federal territories as addresses print them. */
const stateName = (name: string): string => name.toUpperCase().replace(/^WP\s+/, '');

interface Gazetteer {
  /** Every word of the vocabularies (street words, states, towns), upper case. */
  words: Set<string>;
  /** Words a misread word may be repaired to anywhere in the address: street words and states. */
  anywhere: string[];
  /**
   * Towns' words of 6 letters or more, which a word is repaired to anywhere only when the OCR dropped or added a
   * letter ("Benton" -> "Bentong"): street names are other words one look-alike letter off a town ("MAWAR", "NAWAR").
   */
  townWords: string[];
  /** A town's word -> the states of the towns it is a word of. */
  townWordStates: Map<string, Set<string>>;
  states: Set<string>;
  /** Town (upper case) -> its postcodes. */
  townPostcodes: Map<string, Set<string>>;
  /** The towns, those of more words first ("BATU PAHAT" before "BATU"). */
  townsLongestFirst: string[];
}

let gazetteer: Gazetteer | null = null;

function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const states = new Set(allPostcodes.map((s) => stateName(s.name)));
  const townPostcodes = new Map<string, Set<string>>();
  const townWordStates = new Map<string, Set<string>>();
  for (const state of allPostcodes) {
    for (const city of state.city) {
      const name = city.name.toUpperCase();
      for (const word of name.split(' '))
        townWordStates.set(word, (townWordStates.get(word) ?? new Set<string>()).add(stateName(state.name)));
      const set = townPostcodes.get(name) ?? new Set<string>();
      for (const p of city.postcode) set.add(p);
      townPostcodes.set(name, set);
    }
  }
  const stateWords = [...states].flatMap((s) => s.split(' '));
  const words = new Set([
    ...STREET_WORDS,
    ...OTHER_MALAY_WORDS,
    ...ENGLISH_WORDS,
    ...stateWords,
    ...[...townPostcodes.keys()].flatMap((t) => t.split(' ')),
  ]);
  const townsLongestFirst = [...townPostcodes.keys()].sort((a, b) => b.split(' ').length - a.split(' ').length);
  const townWords = [...new Set([...townPostcodes.keys()].flatMap((t) => t.split(' ')).filter((w) => w.length >= 6))];
  gazetteer = {
    words,
    anywhere: [...new Set([...STREET_WORDS, ...stateWords])],
    townWords,
    townWordStates,
    states,
    townPostcodes,
    townsLongestFirst,
  };
  return gazetteer;
}

/** One whitespace-separated token of the address: what comes before and after its letters is kept as read. */
interface Token {
  before: string;
  core: string;
  after: string;
}

const split = (token: string): Token => {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(token) as RegExpExecArray;
  return { before: m[1] as string, core: m[2] as string, after: m[3] as string };
};
const join = (t: Token): string => `${t.before}${t.core}${t.after}`;
const isWord = (core: string): boolean => /^\p{L}+$/u.test(core);

/** The vocabulary word as the OCR printed the word it replaces: upper case, lower case or capitalized. */
function inCaseOf(read: string, word: string): string {
  if (read === read.toUpperCase()) return word;
  if (read === read.toLowerCase()) return word.toLowerCase();
  return word[0] + word.slice(1).toLowerCase();
}

/** The one candidate `read` is a slip of, or null when none is, or several are. */
function nearest(read: string, candidates: readonly string[]): string | null {
  const matches = candidates.filter((c) => isOcrSlip(read, c));
  return matches.length === 1 ? (matches[0] as string) : null;
}

/** Whether the words of `name` are read at tokens[from...], each as printed or with an OCR slip. */
function readsAs(tokens: readonly Token[], from: number, name: string): boolean {
  const words = name.split(' ');
  if (from + words.length > tokens.length) return false;
  return words.every((w, k) => {
    const core = (tokens[from + k] as Token).core.toUpperCase();
    return isWord(core) && (core === w || isOcrSlip(core, w));
  });
}

/** Replaces tokens[from...] by the words of `name`, in the OCR's case. */
function writeAs(tokens: Token[], from: number, name: string): void {
  name.split(' ').forEach((w, k) => {
    const token = tokens[from + k] as Token;
    if (token.core.toUpperCase() !== w) token.core = inCaseOf(token.core, w);
  });
}

/** A postcode of `town` one digit away from `read`, when exactly one is. */
function postcodeOneDigitOff(read: string, town: string, g: Gazetteer): string | null {
  const postcodes = g.townPostcodes.get(town);
  if (!postcodes) return null;
  const near = [...postcodes].filter((p) => [...p].filter((c, i) => c !== read[i]).length === 1);
  return near.length === 1 ? (near[0] as string) : null;
}

export interface AddressRepair {
  text: string;
  /** What was changed, as "read -> written" pairs (for the record on the invoice). */
  changes: string[];
}

/**
 * A Malaysian address with its OCR slips repaired (see the module comment). The postcode ("40150") names the town
 * and state that should follow it: a town or state one letter off is written as the gazetteer has it, and a
 * postcode one digit off its town is put back when exactly one postcode of that town is one digit away
 * ("31200 KUALA LUMPUR" -> "51200"). Other words one letter off a Malay street word or a state are repaired
 * anywhere in the address. Any other address is returned unchanged.
 */
export function repairMalaysianAddress(address: string): AddressRepair {
  const g = loadGazetteer();
  const tokens = address.split(' ').map(split);
  const original = tokens.map(join);
  const upper = tokens.map((t) => t.core.toUpperCase());
  let malaysian = upper.some((w) => MALAYSIAN_MARKERS.has(w) || g.states.has(w));

  // Postcode, town, state.
  const protectedIndex = new Set<number>();
  let postcodeState: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const code = (tokens[i] as Token).core;
    if (!/^\d{5}$/.test(code)) continue;
    let at = i + 1;
    const found = findPostcode(code, true);
    let town: string | null = null;
    if (found.found && found.city && readsAs(tokens, at, found.city.toUpperCase())) {
      town = found.city.toUpperCase();
    } else {
      // A town printed as the gazetteer has it after a postcode that is not its own: the postcode misread.
      for (const name of g.townsLongestFirst) {
        if (name.split(' ').every((w, k) => upper[at + k] === w) && !g.townPostcodes.get(name)?.has(code)) {
          const fixed = postcodeOneDigitOff(code, name, g);
          if (fixed) {
            (tokens[i] as Token).core = fixed;
            town = name;
          }
          break;
        }
      }
    }
    if (!town) continue;
    malaysian = true;
    writeAs(tokens, at, town);
    const townWords = town.split(' ').length;
    for (let k = 0; k < townWords; k++) protectedIndex.add(at + k);
    at += townWords;
    const state = stateName(findPostcode((tokens[i] as Token).core, true).state ?? '');
    postcodeState = state || null;
    if (state && state !== town && readsAs(tokens, at, state)) {
      writeAs(tokens, at, state);
      for (let k = 0; k < state.split(' ').length; k++) protectedIndex.add(at + k);
    }
    break;
  }
  if (!malaysian) return { text: address, changes: [] };

  // The address's state, when it says one (its postcode's, or a state printed as the gazetteer has it): a town
  // repaired anywhere must lie in it ("BUNGA KANTAN ... KUALA LUMPUR" is not the town of Kuantan, in Pahang).
  const printed = ` ${tokens.map((t) => t.core.toUpperCase()).join(' ')} `;
  const addressStates = new Set([...g.states].filter((state) => printed.includes(` ${state} `)));
  if (postcodeState) addressStates.add(postcodeState);
  const townCandidates = g.townWords.filter(
    (t) => addressStates.size === 0 || [...(g.townWordStates.get(t) ?? [])].some((s) => addressStates.has(s)),
  );

  // Street words, states and towns anywhere: each run of three letters or more ("1320-THN" has one).
  tokens.forEach((token, i) => {
    if (protectedIndex.has(i)) return;
    token.core = token.core.replace(/(?<!\p{L})\p{L}{3,}(?!\p{L})/gu, (run) => {
      const word = run.toUpperCase();
      if (g.words.has(word)) return run;
      const fixed =
        nearest(word, g.anywhere) ??
        nearest(
          word,
          townCandidates.filter((t) => t.length !== word.length),
        );
      return fixed ? inCaseOf(run, fixed) : run;
    });
  });

  const repaired = tokens.map(join);
  const changes = repaired.flatMap((t, i) => (t !== original[i] ? [`${original[i]} -> ${t}`] : []));
  return { text: changes.length ? repaired.join(' ') : address, changes };
}
