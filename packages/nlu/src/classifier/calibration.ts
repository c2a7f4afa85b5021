/**
 * Turns raw classifier evidence into a calibrated confidence: P(the top intent is right).
 * A small logistic regression over (margin between the two best probabilities, top
 * probability, vocabulary coverage), fitted on out-of-fold predictions of the training set.
 */

export interface Evidence {
  margin: number;
  top: number;
  coverage: number;
}

export interface Calibrator {
  weights: [number, number, number];
  bias: number;
}

/** Used when the training set is too small to hold part of it out: conservative, margin-driven. */
export const DEFAULT_CALIBRATOR: Calibrator = { weights: [5, 1, 2], bias: -3.5 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function calibrate(calibrator: Calibrator, e: Evidence): number {
  const [wm, wt, wc] = calibrator.weights;
  return sigmoid(wm * e.margin + wt * e.top + wc * e.coverage + calibrator.bias);
}

/** Fits the calibrator by full-batch gradient descent on log-loss (a handful of parameters, a few hundred points). */
export function fitCalibrator(samples: ReadonlyArray<Evidence & { correct: boolean }>, iterations = 800): Calibrator {
  if (samples.length < 10 || samples.every((s) => s.correct) || samples.every((s) => !s.correct)) return DEFAULT_CALIBRATOR;
  const w = [...DEFAULT_CALIBRATOR.weights] as [number, number, number];
  let b = DEFAULT_CALIBRATOR.bias;
  const lr = 1;
  const l2 = 1e-3;
  for (let it = 0; it < iterations; it++) {
    const g = [0, 0, 0];
    let gb = 0;
    for (const s of samples) {
      const p = sigmoid(w[0] * s.margin + w[1] * s.top + w[2] * s.coverage + b);
      const d = p - (s.correct ? 1 : 0);
      g[0] = (g[0] as number) + d * s.margin;
      g[1] = (g[1] as number) + d * s.top;
      g[2] = (g[2] as number) + d * s.coverage;
      gb += d;
    }
    const n = samples.length;
    for (let k = 0; k < 3; k++) w[k] = (w[k] as number) - lr * ((g[k] as number) / n + l2 * (w[k] as number));
    b -= lr * (gb / n);
  }
  return { weights: w, bias: b };
}
