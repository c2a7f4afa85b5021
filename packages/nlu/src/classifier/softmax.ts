/**
 * Multinomial logistic regression on sparse vectors, trained with SGD and L2 weight
 * decay (applied lazily through a global scale so a step costs O(non-zeros × classes)).
 * Weights are laid out feature-major so scoring walks one contiguous row per feature.
 */
import type { SparseVector } from './features';

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = { epochs: 30, learningRate: 0.5, l2: 1e-5, seed: 7 };

export interface SoftmaxModel {
  classes: number;
  features: number;
  /** features × classes, row-major. */
  weights: Float32Array;
  bias: Float32Array;
}

/** Small deterministic PRNG so training (and therefore the cache) is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function scores(model: SoftmaxModel, x: SparseVector, out = new Float32Array(model.classes)): Float32Array {
  const C = model.classes;
  out.set(model.bias);
  for (let k = 0; k < x.indices.length; k++) {
    const row = (x.indices[k] as number) * C;
    const v = x.values[k] as number;
    for (let c = 0; c < C; c++) out[c] = (out[c] as number) + v * (model.weights[row + c] as number);
  }
  return out;
}

export function softmaxInPlace(z: Float32Array, temperature = 1): Float32Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp(((z[c] as number) - max) / temperature);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
  return z;
}

export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: SoftmaxOptions = DEFAULT_SOFTMAX,
): SoftmaxModel {
  const C = classes;
  const weights = new Float32Array(features * C);
  const bias = new Float32Array(C);
  const model: SoftmaxModel = { classes: C, features, weights, bias };
  const random = mulberry32(options.seed);
  const order = xs.map((_, i) => i);
  const p = new Float32Array(C);
  const activeClasses = new Int32Array(C);
  let scale = 1;
  let step = 0;
  const total = options.epochs * xs.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      const x = xs[n] as SparseVector;
      const y = ys[n] as number;
      // Linear decay of the step size gives stable convergence without a tuning loop.
      const lr = options.learningRate * (1 - step / total) + 1e-3;
      step++;
      p.set(bias);
      for (let k = 0; k < x.indices.length; k++) {
        const row = (x.indices[k] as number) * C;
        const v = (x.values[k] as number) * scale;
        for (let c = 0; c < C; c++) p[c] = (p[c] as number) + v * (weights[row + c] as number);
      }
      softmaxInPlace(p);
      p[y] = (p[y] as number) - 1; // gradient of the log-loss w.r.t. the scores
      scale *= 1 - lr * options.l2;
      const stepScale = lr / scale;
      // Once trained a little, most classes get a negligible gradient: update only the ones that matter.
      let active = 0;
      for (let c = 0; c < C; c++) if (Math.abs(p[c] as number) > 1e-4) activeClasses[active++] = c;
      for (let k = 0; k < x.indices.length; k++) {
        const row = (x.indices[k] as number) * C;
        const v = (x.values[k] as number) * stepScale;
        for (let a = 0; a < active; a++) {
          const c = activeClasses[a] as number;
          weights[row + c] = (weights[row + c] as number) - v * (p[c] as number);
        }
      }
      for (let c = 0; c < C; c++) bias[c] = (bias[c] as number) - lr * (p[c] as number);
      if (scale < 1e-4) {
        for (let w = 0; w < weights.length; w++) weights[w] = (weights[w] as number) * scale;
        scale = 1;
      }
    }
  }
  if (scale !== 1) for (let w = 0; w < weights.length; w++) weights[w] = (weights[w] as number) * scale;
  return model;
}
