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

/** Solves A x = b for a small dense system (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c] = m[r]![c]! - f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * Fits the calibrator by Newton's method on the log-loss with a prior at the default (four parameters:
 * converges in a handful of iterations, where gradient descent needs hundreds).
 */
export function fitCalibrator(samples: ReadonlyArray<Evidence & { correct: boolean }>, iterations = 25): Calibrator {
  if (samples.length < 10 || samples.every((s) => s.correct) || samples.every((s) => !s.correct)) return DEFAULT_CALIBRATOR;
  const prior = [...DEFAULT_CALIBRATOR.weights, DEFAULT_CALIBRATOR.bias];
  let w = [...prior];
  // Pulled toward the default calibrator as if it were PRIOR_STRENGTH extra observations: a flow
  // with a few dozen examples cannot support a free fit (held-out answers are nearly all right).
  const PRIOR_STRENGTH = 10;
  for (let it = 0; it < iterations; it++) {
    const g = [0, 0, 0, 0];
    const h = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    for (const s of samples) {
      const x = [s.margin, s.top, s.coverage, 1];
      const p = sigmoid(x[0]! * w[0]! + x[1]! * w[1]! + x[2]! * w[2]! + w[3]!);
      const d = p - (s.correct ? 1 : 0);
      const curvature = Math.max(p * (1 - p), 1e-6);
      for (let i = 0; i < 4; i++) {
        g[i] = g[i]! + d * x[i]!;
        for (let j = 0; j < 4; j++) h[i]![j] = h[i]![j]! + curvature * x[i]! * x[j]!;
      }
    }
    for (let i = 0; i < 4; i++) {
      g[i] = g[i]! + PRIOR_STRENGTH * (w[i]! - prior[i]!);
      h[i]![i] = h[i]![i]! + PRIOR_STRENGTH;
    }
    const step = solve(h, g);
    if (!step) break;
    w = w.map((v, i) => v - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  if (w.some((v) => !Number.isFinite(v))) return DEFAULT_CALIBRATOR;
  return { weights: [w[0]!, w[1]!, w[2]!], bias: w[3]! };
}
