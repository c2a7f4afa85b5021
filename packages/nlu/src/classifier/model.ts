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
import { BACKGROUND_INTENT_WEIGHT, BACKGROUND_LABEL, BACKGROUND_MAX_INTENTS, BACKGROUND_TEXTS } from './background';
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
  /** The eligible intents best first with their full-model probability (not renormalized: narrowing only removes candidates). */
  ranked: Array<{ intent: string; probability: number }>;
  /** Calibrated probability that ranked[0] is right, judged against every class of the model. */
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

/**
 * What the model says about one class: its probability and its margin over the strongest other
 * class (any class, eligible or not, the background included). Negative when another class beats it.
 */
function evidenceFor(probabilities: ArrayLike<number>, index: number, coverage: number): Evidence {
  let rival = 0;
  for (let i = 0; i < probabilities.length; i++)
    if (i !== index && (probabilities[i] as number) > rival) rival = probabilities[i] as number;
  const top = probabilities[index] as number;
  return { margin: top - rival, top, coverage };
}

function argmax(values: ArrayLike<number>, skip: number): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (i !== skip && (best < 0 || (values[i] as number) > (values[best] as number))) best = i;
  return best;
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
  static train(
    examples: readonly TrainingExample[],
    options: ClassifierOptions = DEFAULT_CLASSIFIER,
    encoder?: SentenceEncoder,
  ): IntentClassifier {
    const usable = examples.filter((e) => typeof e.text === 'string' && e.text.trim() && e.intent && e.intent !== BACKGROUND_LABEL);
    const intents = [...new Set(usable.map((e) => e.intent))].sort();
    // The vocabulary (and so the coverage evidence) is the flow's own: generic text must not make unrelated messages look familiar.
    const space = FeatureSpace.fit(
      usable.map((e) => e.text),
      options.features,
    );
    const withBackground =
      intents.length > 0 && intents.length <= BACKGROUND_MAX_INTENTS
        ? [...usable, ...BACKGROUND_TEXTS.map((text) => ({ text, intent: BACKGROUND_LABEL }))]
        : usable;
    const labels = withBackground.length > usable.length ? [...intents, BACKGROUND_LABEL] : intents;
    const dense: DenseConfig = { weight: options.denseWeight ?? DEFAULT_CLASSIFIER.denseWeight };
    if (encoder && options.centerDense)
      dense.mean = meanVector(
        usable.map((e) => encoder.encode(e.text)),
        encoder.dimensions,
      );
    const vectorize = vectorizer(space, encoder, dense);
    const featured = withBackground.map((e) => vectorize(e.text));
    const ys = withBackground.map((e) => labels.indexOf(e.intent));
    // Each example is shown `repeats` times per epoch, so that the large background class does not outweigh an intent.
    const repeats = classWeights(ys, labels.length, labels.indexOf(BACKGROUND_LABEL));
    const origin = ys.flatMap((y, i) => Array.from({ length: repeats[y] as number }, () => i));
    const width = space.size + (encoder?.dimensions ?? 0);
    const model = trainSoftmax(
      origin.map((i) => (featured[i] as { vector: SparseVector }).vector),
      origin.map((i) => ys[i] as number),
      labels.length,
      width,
      options.softmax,
    );
    const calibrator =
      options.calibrationFolds >= 2 && intents.length >= 2
        ? fitCalibrator(outOfFoldEvidence(featured, ys, origin, labels, width, options))
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
      labels: this.labels,
      features: this.space.toData(),
      weights: this.model.weights,
      bias: this.model.bias,
      calibrator: this.calibrator,
      ...(this.encoder ? { encoder: this.encoder.id, denseWeight: this.dense.weight } : {}),
      ...(this.encoder && this.dense.mean ? { denseMean: Array.from(this.dense.mean) } : {}),
    };
  }

  /** The flow's intents (without the background reference class of small flows). */
  get intents(): string[] {
    return this.labels.filter((l) => l !== BACKGROUND_LABEL);
  }

  /**
   * Ranks the intents for a text. `eligible` narrows the choice (the intents a wait expects)
   * by removing candidates only: probabilities and confidence are the full model's, so a text
   * the model gives to another intent (or to the background of a small flow) does not become
   * a confident eligible intent just because its real owner is not expected here.
   */
  predict(text: string, eligible?: ReadonlySet<string>): ClassifierResult {
    if (this.labels.length === 0) return { ranked: [], confidence: 0, evidence: { margin: 0, top: 0, coverage: 0 } };
    const { vector, coverage } = this.vectorize(text);
    const probabilities = softmaxInPlace(scores(this.model, vector));
    const indices = this.labels.flatMap((l, i) => (l !== BACKGROUND_LABEL && (!eligible || eligible.has(l)) ? [i] : []));
    if (indices.length === 0) return { ranked: [], confidence: 0, evidence: { margin: 0, top: 0, coverage } };
    const ranked = indices
      .map((i) => ({ intent: this.labels[i] as string, probability: probabilities[i] as number }))
      .sort((a, b) => b.probability - a.probability);
    const best = this.labels.indexOf((ranked[0] as { intent: string }).intent);
    const evidence = evidenceFor(probabilities, best, coverage);
    return { ranked, confidence: calibrate(this.calibrator, evidence), evidence };
  }
}

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
  for (let k = 0; k < v.length; k++) {
    out[k] = (v[k] as number) - (mean[k] as number);
    norm += (out[k] as number) ** 2;
  }
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  for (let k = 0; k < v.length; k++) out[k] = (out[k] as number) * scale;
  return out;
}

function vectorizer(space: FeatureSpace, encoder: SentenceEncoder | undefined, dense: DenseConfig) {
  return (text: string): { vector: SparseVector; coverage: number } => {
    const sparse = space.transformWithCoverage(text);
    if (!encoder) return sparse;
    return {
      vector: appendDense(sparse.vector, centered(encoder.encode(text), dense.mean), space.size, dense.weight),
      coverage: sparse.coverage,
    };
  };
}

/**
 * How many times each class's examples are repeated: 1 without a background class; with one, enough for each intent to weigh
 * BACKGROUND_INTENT_WEIGHT times the background (measured on the example flows: at 1 the background also swallows in-scope
 * paraphrases such as "what are your prices"; at 3 those are kept and unrelated text still gets ~0).
 */
function classWeights(ys: readonly number[], classes: number, background: number): number[] {
  const counts = new Map<number, number>();
  for (const y of ys) counts.set(y, (counts.get(y) ?? 0) + 1);
  const reference = background >= 0 ? (counts.get(background) ?? 0) : 0;
  return Array.from({ length: classes }, (_, y) =>
    background < 0 || y === background ? 1 : Math.max(1, Math.round((BACKGROUND_INTENT_WEIGHT * reference) / (counts.get(y) ?? 1))),
  );
}

/** Evidence on examples the model did not see, to learn how far the margin can be trusted. */
function outOfFoldEvidence(
  featured: ReadonlyArray<{ vector: SparseVector; coverage: number }>,
  ys: readonly number[],
  origin: readonly number[],
  labels: readonly string[],
  width: number,
  options: ClassifierOptions,
): Array<Evidence & { correct: boolean }> {
  const folds = options.calibrationFolds;
  const classes = labels.length;
  const background = labels.indexOf(BACKGROUND_LABEL);
  // Stratified: the k-th example of each intent goes to fold k mod folds (all repeats of an example in the same fold).
  const seen = new Map<number, number>();
  const foldOf = ys.map((y) => {
    const k = seen.get(y) ?? 0;
    seen.set(y, k + 1);
    return k % folds;
  });
  const samples: Array<Evidence & { correct: boolean }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const trainIdx = origin.filter((i) => foldOf[i] !== fold);
    const model = trainSoftmax(
      trainIdx.map((i) => (featured[i] as { vector: SparseVector }).vector),
      trainIdx.map((i) => ys[i] as number),
      classes,
      width,
      { ...options.softmax, epochs: options.calibrationEpochs },
    );
    ys.forEach((y, i) => {
      if (foldOf[i] !== fold || y === background) return;
      // Coverage is measured against the full vocabulary: an optimistic but consistent reading.
      const { vector, coverage } = featured[i] as { vector: SparseVector; coverage: number };
      const probabilities = softmaxInPlace(scores(model, vector));
      // The confidence is always about the best flow intent (the background is never an answer).
      const best = argmax(probabilities, background);
      samples.push({ ...evidenceFor(probabilities, best, coverage), correct: best === y });
    });
  }
  return samples;
}
