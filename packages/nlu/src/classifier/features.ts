/**
 * Sparse TF-IDF features for short utterances: word unigrams and bigrams plus character
 * n-grams inside word boundaries. Character n-grams carry morphology and typos in any
 * language without a stemmer; words carry meaning. Each group is L2-normalized on its
 * own so neither drowns the other. Features are hashed (FNV-1a over char codes) instead
 * of built as strings: no allocation per n-gram keeps a prediction in the microseconds.
 * Trained models store weights per hashed feature, so the hash must never change.
 */
import { FNV1A_OFFSET, FNV1A_PRIME, fnv1a32 } from '@parley/contract';
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
}

/** Chosen by measurement (docs/nlu.md): the best 10-shot accuracy and precision at coverage of the variants tried. */
export const DEFAULT_FEATURES: FeatureConfig = { charMin: 3, charMax: 4, wordBigrams: true, wordWeight: 1 };

/** Keeps inference bounded on huge messages: nobody's intent lives past the first 64 words. */
const MAX_WORDS = 64;
const SPACE = 32;

/** Hashes of a text's features, each group sorted (equal hashes adjacent, so counting is a single pass). */
function hashedFeatures(text: string, config: FeatureConfig): { words: Uint32Array; chars: Uint32Array } {
  const tokens = normalizeText(text).split(' ').filter(Boolean).slice(0, MAX_WORDS);
  const words: number[] = [];
  const chars: number[] = [];
  let previous = -1;
  for (const token of tokens) {
    const wordHash = fnv1a32(token, 1);
    words.push(wordHash);
    if (config.wordBigrams && previous >= 0) words.push(Math.imul(previous ^ 0x9e3779b9, FNV1A_PRIME) ^ wordHash);
    previous = wordHash;
    // " token " as char codes; every n-gram from charMin to charMax, hashed incrementally from each start.
    const length = token.length + 2;
    const code = (i: number) => (i === 0 || i === length - 1 ? SPACE : token.charCodeAt(i - 1));
    for (let start = 0; start < length; start++) {
      let h = FNV1A_OFFSET;
      for (let n = 1; n <= config.charMax && start + n <= length; n++) {
        h = Math.imul(h ^ code(start + n - 1), FNV1A_PRIME);
        if (n >= config.charMin) chars.push((h ^ n) >>> 0);
      }
    }
  }
  return { words: Uint32Array.from(words).sort(), chars: Uint32Array.from(chars).sort() };
}

export interface FeatureSpaceData {
  config: FeatureConfig;
  /** Feature hashes seen in training, in index order. */
  vocabulary: number[];
  idf: number[];
}

export class FeatureSpace {
  readonly config: FeatureConfig;
  private readonly index: Map<number, number>;
  private readonly idf: Float32Array;
  private readonly vocabulary: number[];

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
    const df = new Map<number, number>();
    const countDistinct = (sorted: Uint32Array) => {
      for (let i = 0; i < sorted.length; i++) {
        if (i > 0 && sorted[i] === sorted[i - 1]) continue;
        const key = sorted[i] as number;
        df.set(key, (df.get(key) ?? 0) + 1);
      }
    };
    for (const text of texts) {
      const { words, chars } = hashedFeatures(text, config);
      countDistinct(words);
      countDistinct(chars);
    }
    const vocabulary = [...df.keys()].sort((a, b) => a - b);
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
    const { words, chars } = hashedFeatures(text, this.config);
    const indices: number[] = [];
    const values: number[] = [];
    let distinctChars = 0;
    let knownChars = 0;
    const addGroup = (sorted: Uint32Array, weight: number, isChars: boolean) => {
      const start = indices.length;
      let norm = 0;
      for (let i = 0; i < sorted.length;) {
        const key = sorted[i] as number;
        let count = 0;
        while (i < sorted.length && sorted[i] === key) {
          count++;
          i++;
        }
        if (isChars) distinctChars++;
        const index = this.index.get(key);
        if (index === undefined) continue;
        if (isChars) knownChars++;
        const v = (1 + Math.log(count)) * (this.idf[index] as number);
        indices.push(index);
        values.push(v);
        norm += v * v;
      }
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      for (let k = start; k < values.length; k++) values[k] = (values[k] as number) * scale;
    };
    addGroup(chars, 1, true);
    addGroup(words, this.config.wordWeight, false);
    let norm = 0;
    for (const v of values) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const order = indices.map((_, k) => k).sort((a, b) => (indices[a] as number) - (indices[b] as number));
    const vector = {
      indices: Int32Array.from(order, (k) => indices[k] as number),
      values: Float32Array.from(order, (k) => (values[k] as number) * scale),
    };
    return { vector, coverage: distinctChars > 0 ? knownChars / distinctChars : 0 };
  }
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i] as number;
    const bj = b.indices[j] as number;
    if (ai === bj) {
      sum += (a.values[i] as number) * (b.values[j] as number);
      i++;
      j++;
    } else if (ai < bj) i++;
    else j++;
  }
  return sum;
}
