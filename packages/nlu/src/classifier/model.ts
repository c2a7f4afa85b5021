/**
 * The tier-3 intent classifier: TF-IDF features + multinomial logistic regression, with a
 * confidence calibrated on held-out folds of the training data. Trained from the flow's
 * example utterances (plus each intent's name and description) in well under a second for
 * a typical flow; prediction is a sparse dot product per intent (microseconds).
 */
import { calibrate, DEFAULT_CALIBRATOR, fitCalibrator, type Calibrator, type Evidence } from './calibration';
import type { SentenceEncoder } from './word-vectors';
import { DEFAULT_FEATURES, FeatureSpace, type FeatureConfig, type FeatureSpaceData, type SparseVector } from './features';
import { appendDense } from './dense-features';
import { DEFAULT_SOFTMAX, scores, softmaxInPlace, trainSoftmax, type SoftmaxModel, type SoftmaxOptions } from './softmax';

export interface TrainingExample {
  text: string;
  intent: string;
}

export interface ClassifierOptions {
  features: FeatureConfig;
  softmax: SoftmaxOptions;
  /** Folds held out to fit the calibrator (0 disables it: the default calibrator is used). */
  calibrationFolds: number;
  calibrationEpochs: number;
  /** Weight of the sentence vector (when an encoder is given) next to the unit-length n-gram vector. */
  denseWeight: number;
  /** Subtract the training sentences' mean vector (the direction every sentence shares) before weighting. */
  centerDense: boolean;
}

export const DEFAULT_CLASSIFIER: ClassifierOptions = {
  features: DEFAULT_FEATURES,
  softmax: { ...DEFAULT_SOFTMAX, epochs: 7, learningRate: 2 },
  calibrationFolds: 2,
  calibrationEpochs: 3,
  denseWeight: 0.7,
  centerDense: true,
};

export interface ClassifierResult {
  /** Intents best first with their (softmax) probability among the eligible ones. */
  ranked: Array<{ intent: string; probability: number }>;
  /** Calibrated probability that ranked[0] is right. */
  confidence: number;
  evidence: Evidence;
}

export interface IntentClassifierData {
  labels: string[];
  features: FeatureSpaceData;
  weights: Float32Array;
  bias: Float32Array;
  calibrator: Calibrator;
  /** The encoder's id when the model was trained with sentence vectors (the same encoder is then required). */
  encoder?: string;
  denseWeight?: number;
  denseMean?: number[];
}

function evidenceOf(probabilities: ArrayLike<number>, eligible: readonly number[] | undefined, coverage: number) {
  let best = -1;
  let second = -1;
  let sum = 0;
  const indices = eligible ?? Array.from({ length: probabilities.length }, (_, i) => i);
  for (const i of indices) sum += probabilities[i] as number;
  for (const i of indices) {
    if (best < 0 || (probabilities[i] as number) > (probabilities[best] as number)) { second = best; best = i; }
    else if (second < 0 || (probabilities[i] as number) > (probabilities[second] as number)) second = i;
  }
  const top = best >= 0 && sum > 0 ? (probabilities[best] as number) / sum : 0;
  const runnerUp = second >= 0 && sum > 0 ? (probabilities[second] as number) / sum : 0;
  return { best, sum, evidence: { margin: top - runnerUp, top, coverage } };
}

export class IntentClassifier {
  private constructor(
    readonly labels: string[],
    private readonly space: FeatureSpace,
    private readonly model: SoftmaxModel,
    readonly calibrator: Calibrator,
    private readonly encoder: SentenceEncoder | undefined,
    private readonly dense: DenseConfig,
  ) {}

  /** The text's feature vector (n-grams, plus the weighted sentence vector) and its n-gram coverage. */
  private vectorize(text: string): { vector: SparseVector; coverage: number } {
    return vectorizer(this.space, this.encoder, this.dense)(text);
  }

  /** `encoder` adds pretrained sentence vectors to the n-gram features (the same encoder must be given to `fromData`). */
  static train(examples: readonly TrainingExample[], options: ClassifierOptions = DEFAULT_CLASSIFIER, encoder?: SentenceEncoder): IntentClassifier {
    const usable = examples.filter((e) => typeof e.text === 'string' && e.text.trim() && e.intent);
    const labels = [...new Set(usable.map((e) => e.intent))].sort();
    const space = FeatureSpace.fit(usable.map((e) => e.text), options.features);
    const dense: DenseConfig = { weight: options.denseWeight ?? DEFAULT_CLASSIFIER.denseWeight };
    if (encoder && options.centerDense) dense.mean = meanVector(usable.map((e) => encoder.encode(e.text)), encoder.dimensions);
    const vectorize = vectorizer(space, encoder, dense);
    const featured = usable.map((e) => vectorize(e.text));
    const xs = featured.map((f) => f.vector);
    const ys = usable.map((e) => labels.indexOf(e.intent));
    const width = space.size + (encoder?.dimensions ?? 0);
    const model = trainSoftmax(xs, ys, labels.length, width, options.softmax);
    const calibrator = options.calibrationFolds >= 2 && labels.length >= 2
      ? fitCalibrator(outOfFoldEvidence(xs, ys, labels.length, width, featured.map((f) => f.coverage), options))
      : DEFAULT_CALIBRATOR;
    return new IntentClassifier(labels, space, model, calibrator, encoder, dense);
  }

  /** Undefined when the model needs sentence vectors that were not given (or are different ones): retrain then. */
  static fromData(data: IntentClassifierData, encoder?: SentenceEncoder): IntentClassifier | undefined {
    if ((data.encoder ?? undefined) !== encoder?.id) return undefined;
    const space = FeatureSpace.fromData(data.features);
    const width = space.size + (encoder?.dimensions ?? 0);
    const model: SoftmaxModel = { classes: data.labels.length, features: width, weights: data.weights, bias: data.bias };
    if (data.weights.length !== width * data.labels.length) return undefined;
    const dense: DenseConfig = { weight: data.denseWeight ?? DEFAULT_CLASSIFIER.denseWeight };
    if (data.denseMean) dense.mean = Float32Array.from(data.denseMean);
    return new IntentClassifier(data.labels, space, model, data.calibrator, encoder, dense);
  }

  toData(): IntentClassifierData {
    return {
      labels: this.labels, features: this.space.toData(), weights: this.model.weights, bias: this.model.bias, calibrator: this.calibrator,
      ...(this.encoder ? { encoder: this.encoder.id, denseWeight: this.dense.weight } : {}),
      ...(this.encoder && this.dense.mean ? { denseMean: Array.from(this.dense.mean) } : {}),
    };
  }

  /**
   * Ranks the intents for a text. `eligible` narrows the choice (the intents a wait
   * expects): probabilities are renormalized among them, so "no" at a payment
   * confirmation is judged only against what that confirmation can mean.
   */
  predict(text: string, eligible?: ReadonlySet<string>): ClassifierResult {
    if (this.labels.length === 0) return { ranked: [], confidence: 0, evidence: { margin: 0, top: 0, coverage: 0 } };
    const { vector, coverage } = this.vectorize(text);
    const probabilities = softmaxInPlace(scores(this.model, vector));
    const indices = eligible ? this.labels.flatMap((l, i) => (eligible.has(l) ? [i] : [])) : undefined;
    if (indices && indices.length === 0) return { ranked: [], confidence: 0, evidence: { margin: 0, top: 0, coverage } };
    const { sum, evidence } = evidenceOf(probabilities, indices, coverage);
    const ranked = (indices ?? this.labels.map((_, i) => i))
      .map((i) => ({ intent: this.labels[i] as string, probability: sum > 0 ? (probabilities[i] as number) / sum : 0 }))
      .sort((a, b) => b.probability - a.probability);
    // With a single eligible intent there is nothing to tell apart: only the vocabulary says whether it is on topic.
    const confidence = ranked.length === 1 ? Math.min(0.9, coverage * 0.9) : calibrate(this.calibrator, evidence);
    return { ranked, confidence, evidence };
  }
}

/** Evidence on examples the model did not see, to learn how far the margin can be trusted. */
interface DenseConfig {
  weight: number;
  mean?: Float32Array;
}

function meanVector(vectors: ReadonlyArray<Float32Array | undefined>, dimensions: number): Float32Array {
  const mean = new Float32Array(dimensions);
  let n = 0;
  for (const v of vectors) {
    if (!v) continue;
    n++;
    for (let k = 0; k < dimensions; k++) mean[k] = (mean[k] as number) + (v[k] as number);
  }
  if (n > 0) for (let k = 0; k < dimensions; k++) mean[k] = (mean[k] as number) / n;
  return mean;
}

/** Sentence vector minus the shared mean, unit length again (undefined stays undefined). */
function centered(v: Float32Array | undefined, mean: Float32Array | undefined): Float32Array | undefined {
  if (!v || !mean) return v;
  const out = new Float32Array(v.length);
  let norm = 0;
  for (let k = 0; k < v.length; k++) { out[k] = (v[k] as number) - (mean[k] as number); norm += (out[k] as number) ** 2; }
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  for (let k = 0; k < v.length; k++) out[k] = (out[k] as number) * scale;
  return out;
}

function vectorizer(space: FeatureSpace, encoder: SentenceEncoder | undefined, dense: DenseConfig) {
  return (text: string): { vector: SparseVector; coverage: number } => {
    const sparse = space.transformWithCoverage(text);
    if (!encoder) return sparse;
    return { vector: appendDense(sparse.vector, centered(encoder.encode(text), dense.mean), space.size, dense.weight), coverage: sparse.coverage };
  };
}

function outOfFoldEvidence(
  xs: readonly SparseVector[], ys: readonly number[], classes: number, width: number,
  coverages: readonly number[], options: ClassifierOptions,
): Array<Evidence & { correct: boolean }> {
  const folds = options.calibrationFolds;
  // Stratified: the k-th example of each intent goes to fold k mod folds.
  const seen = new Map<number, number>();
  const foldOf = ys.map((y) => { const k = seen.get(y) ?? 0; seen.set(y, k + 1); return k % folds; });
  const samples: Array<Evidence & { correct: boolean }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const trainIdx = ys.flatMap((_, i) => (foldOf[i] === fold ? [] : [i]));
    const model = trainSoftmax(trainIdx.map((i) => xs[i] as SparseVector), trainIdx.map((i) => ys[i] as number), classes, width,
      { ...options.softmax, epochs: options.calibrationEpochs });
    ys.forEach((y, i) => {
      if (foldOf[i] !== fold) return;
      // Coverage is measured against the full vocabulary: an optimistic but consistent reading.
      const coverage = coverages[i] as number;
      const probabilities = softmaxInPlace(scores(model, xs[i] as SparseVector));
      const { best, evidence } = evidenceOf(probabilities, undefined, coverage);
      samples.push({ ...evidence, correct: best === y });
    });
  }
  return samples;
}
