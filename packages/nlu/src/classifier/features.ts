/**
 * Sparse TF-IDF features for short utterances: word unigrams and bigrams plus
 * character n-grams inside word boundaries. Character n-grams carry morphology and
 * typos in any language without a stemmer; words carry meaning. Each group is
 * L2-normalized on its own so neither drowns the other.
 */
import { normalizeText } from '../text/normalize';

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface FeatureConfig {
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
  /** Weight of the word group relative to the character group. */
  wordWeight: number;
  /** Features seen fewer times than this in training are dropped. */
  minCount: number;
  /** Character n-grams also across word boundaries ("t my c"): they carry short phrases. */
  crossWord: boolean;
  /** Word features skip function words and strip common inflections: few examples generalize further. */
  lightStem: boolean;
}

/** Chosen by measurement (docs/nlu.md): the best 10-shot accuracy and precision at coverage of the variants tried. */
export const DEFAULT_FEATURES: FeatureConfig = { charMin: 2, charMax: 5, wordBigrams: true, wordWeight: 1, minCount: 1, crossWord: false, lightStem: false };

/** Keeps inference bounded on huge messages: nobody's intent lives past the first 64 words. */
const MAX_WORDS = 64;

const STOP_WORDS = new Set(('a an the to of in on at for is are was be i me my you your it this that do does can could would will ' +
  'please pls what how and or with from by any some el la los las de del un una y o que en por para es mi tu lo le les des du et ' +
  'est ce je tu il o os as um uma e do da dos das no na der die das und ein eine ist ich zu').split(' '));

/** Crude multilingual suffix stripping: enough to join "cards"/"card", "charged"/"charge", "tarjetas"/"tarjeta". */
export function wordStem(token: string): string | undefined {
  if (STOP_WORDS.has(token)) return undefined;
  if (token.length <= 4) return token;
  return token.replace(/(?:ing|ed|es|s|ly)$/u, '') || token;
}

function nextContentStem(tokens: readonly string[], from: number): string | undefined {
  for (let j = from; j < tokens.length; j++) {
    const stem = wordStem(tokens[j] as string);
    if (stem) return stem;
  }
  return undefined;
}

/** Raw feature strings of one text, word features and char features separately, with counts. */
export function rawFeatures(text: string, config: FeatureConfig): { words: Map<string, number>; chars: Map<string, number> } {
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  const tokens = normalizeText(text).split(' ').filter(Boolean).slice(0, MAX_WORDS);
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (config.lightStem) {
      const stem = wordStem(token);
      if (stem) {
        bump(words, `w:${stem}`);
        const next = nextContentStem(tokens, i + 1);
        if (config.wordBigrams && next) bump(words, `b:${stem} ${next}`);
      }
    } else {
      bump(words, `w:${token}`);
      if (config.wordBigrams && i + 1 < tokens.length) bump(words, `b:${token} ${tokens[i + 1]}`);
    }
    if (config.crossWord) continue;
    const padded = ` ${token} `;
    for (let n = config.charMin; n <= config.charMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) bump(chars, padded.slice(s, s + n));
    }
  }
  if (config.crossWord) {
    const padded = ` ${tokens.join(' ')} `;
    for (let n = config.charMin; n <= config.charMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) bump(chars, padded.slice(s, s + n));
    }
  }
  return { words, chars };
}

export interface FeatureSpaceData {
  config: FeatureConfig;
  vocabulary: string[];
  idf: number[];
}

export class FeatureSpace {
  readonly config: FeatureConfig;
  private readonly index: Map<string, number>;
  private readonly idf: Float32Array;
  readonly vocabulary: string[];

  private constructor(data: FeatureSpaceData) {
    this.config = data.config;
    this.vocabulary = data.vocabulary;
    this.index = new Map(data.vocabulary.map((f, i) => [f, i]));
    this.idf = Float32Array.from(data.idf);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** Learns the vocabulary and smoothed inverse document frequencies from the training texts. */
  static fit(texts: readonly string[], config: FeatureConfig = DEFAULT_FEATURES): FeatureSpace {
    const df = new Map<string, number>();
    for (const text of texts) {
      const { words, chars } = rawFeatures(text, config);
      for (const key of words.keys()) df.set(key, (df.get(key) ?? 0) + 1);
      for (const key of chars.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    }
    const vocabulary = [...df.entries()].filter(([, n]) => n >= config.minCount).map(([f]) => f).sort();
    const idf = vocabulary.map((f) => Math.log((1 + texts.length) / (1 + (df.get(f) ?? 0))) + 1);
    return new FeatureSpace({ config, vocabulary, idf });
  }

  static fromData(data: FeatureSpaceData): FeatureSpace {
    return new FeatureSpace(data);
  }

  toData(): FeatureSpaceData {
    return { config: this.config, vocabulary: this.vocabulary, idf: Array.from(this.idf) };
  }

  /** Sublinear TF × IDF, each group L2-normalized, then the whole vector normalized. */
  transform(text: string): SparseVector {
    return this.transformWithCoverage(text).vector;
  }

  /** Also reports which share of the text's character n-grams the training data has seen: low for gibberish and other topics. */
  transformWithCoverage(text: string): { vector: SparseVector; coverage: number } {
    const { words, chars } = rawFeatures(text, this.config);
    let known = 0;
    for (const key of chars.keys()) if (this.index.has(key)) known++;
    const coverage = chars.size > 0 ? known / chars.size : 0;
    const entries: Array<[number, number]> = [];
    const addGroup = (group: Map<string, number>, weight: number) => {
      const start = entries.length;
      let norm = 0;
      for (const [key, count] of group) {
        const i = this.index.get(key);
        if (i === undefined) continue;
        const v = (1 + Math.log(count)) * (this.idf[i] as number);
        entries.push([i, v]);
        norm += v * v;
      }
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      for (let k = start; k < entries.length; k++) (entries[k] as [number, number])[1] *= scale;
    };
    addGroup(chars, 1);
    addGroup(words, this.config.wordWeight);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    entries.sort((a, b) => a[0] - b[0]);
    const vector = {
      indices: Int32Array.from(entries, (e) => e[0]),
      values: Float32Array.from(entries, (e) => e[1] * scale),
    };
    return { vector, coverage };
  }
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i] as number;
    const bj = b.indices[j] as number;
    if (ai === bj) { sum += (a.values[i] as number) * (b.values[j] as number); i++; j++; }
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}
