/**
 * Trained models by content hash: an in-memory LRU, plus an optional store the host
 * injects (the runtime backs it with Redis) so a restart does not retrain. Pure: no
 * Node APIs, so it also runs in the studio's browser preview.
 */
import { contentHash } from '@parley/contract';
import { LruCache } from '../understand/lru';
import { IntentClassifier, type ClassifierOptions, type IntentClassifierData, type TrainingExample } from './model';
import type { SentenceEncoder } from './word-vectors';

/** Bumped whenever training or the serialized form changes: old cached models are then ignored. */
const MODEL_FORMAT = 'parley-intent-v4';

/** A synchronous key/value store for serialized models (the host may preload it from Redis). */
export interface ModelCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

function toBase64(array: Float32Array): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Float32Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

export function serializeClassifier(classifier: IntentClassifier): string {
  const data = classifier.toData();
  return JSON.stringify({ format: MODEL_FORMAT, ...data, weights: toBase64(data.weights), bias: toBase64(data.bias) });
}

/** Undefined for a corrupt entry, another format, or a model trained with other sentence vectors than `encoder`. */
export function deserializeClassifier(text: string, encoder?: SentenceEncoder): IntentClassifier | undefined {
  try {
    const raw = JSON.parse(text) as Omit<IntentClassifierData, 'weights' | 'bias'> & { format: string; weights: string; bias: string };
    if (raw.format !== MODEL_FORMAT) return undefined;
    return IntentClassifier.fromData({ ...raw, weights: fromBase64(raw.weights), bias: fromBase64(raw.bias) }, encoder);
  } catch {
    // A corrupt cache entry means retraining, never a failure.
    return undefined;
  }
}

const memory = new LruCache<string, IntentClassifier>(32);

export interface TrainedModel {
  classifier: IntentClassifier;
  key: string;
  source: 'memory' | 'cache' | 'trained';
  trainingMs: number;
}

/**
 * The classifier for these examples: from memory, from the injected cache, or trained now (and stored in both).
 * The sentence encoder's id is part of the key: a model is only reused with the vectors it was trained with.
 */
export function obtainClassifier(
  examples: readonly TrainingExample[],
  options?: ClassifierOptions,
  cache?: ModelCache,
  encoder?: SentenceEncoder,
): TrainedModel {
  const key = `${MODEL_FORMAT}:${contentHash(JSON.stringify([examples.map((e) => [e.intent, e.text]), options ?? null, encoder?.id ?? null]))}`;
  const started = performance.now();
  const inMemory = memory.get(key);
  if (inMemory) return { classifier: inMemory, key, source: 'memory', trainingMs: 0 };
  let stored: string | undefined;
  try {
    stored = cache?.get(key);
  } catch {
    stored = undefined;
  }
  const restored = stored ? deserializeClassifier(stored, encoder) : undefined;
  if (restored) {
    memory.set(key, restored);
    return { classifier: restored, key, source: 'cache', trainingMs: performance.now() - started };
  }
  const classifier = IntentClassifier.train(examples, options, encoder);
  memory.set(key, classifier);
  try {
    cache?.set(key, serializeClassifier(classifier));
  } catch {
    // The store is an optimisation: the model in memory still serves.
  }
  return { classifier, key, source: 'trained', trainingMs: performance.now() - started };
}
