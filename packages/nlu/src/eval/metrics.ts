/** Accuracy, macro-F1, precision at coverage and out-of-scope recall from scored predictions. */

export interface ScoredPrediction {
  expected: string;
  /** The system's best in-scope guess (threshold ignored). */
  best: string | null;
  /** What it answers at its configured threshold (null = declined). */
  accepted: string | null;
  confidence: number;
}

export interface Metrics {
  count: number;
  accuracy: number;
  macroF1: number;
  /** Precision among the answers kept when only the most confident share is kept. */
  precisionAtCoverage: Record<'50' | '70' | '90', number>;
  /** Share of in-scope answers accepted at the threshold, and their precision. */
  acceptedShare: number;
  acceptedPrecision: number;
}

export function precisionAtCoverage(predictions: readonly ScoredPrediction[], coverage: number): number {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  const kept = Math.max(1, Math.round(sorted.length * coverage));
  const correct = sorted.slice(0, kept).filter((p) => p.best === p.expected).length;
  return sorted.length === 0 ? 0 : correct / kept;
}

export function macroF1(predictions: readonly ScoredPrediction[]): number {
  const labels = new Set(predictions.map((p) => p.expected));
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of predictions) {
      if (p.best === label && p.expected === label) tp++;
      else if (p.best === label) fp++;
      else if (p.expected === label) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return labels.size === 0 ? 0 : sum / labels.size;
}

export function computeMetrics(predictions: readonly ScoredPrediction[]): Metrics {
  const n = predictions.length;
  const accepted = predictions.filter((p) => p.accepted !== null);
  return {
    count: n,
    accuracy: n === 0 ? 0 : predictions.filter((p) => p.best === p.expected).length / n,
    macroF1: macroF1(predictions),
    precisionAtCoverage: {
      '50': precisionAtCoverage(predictions, 0.5),
      '70': precisionAtCoverage(predictions, 0.7),
      '90': precisionAtCoverage(predictions, 0.9),
    },
    acceptedShare: n === 0 ? 0 : accepted.length / n,
    acceptedPrecision: accepted.length === 0 ? 0 : accepted.filter((p) => p.accepted === p.expected).length / accepted.length,
  };
}

/** Share of out-of-scope utterances the system declines at its threshold. */
export function oosRecall(declined: readonly boolean[]): number {
  return declined.length === 0 ? 0 : declined.filter(Boolean).length / declined.length;
}

export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) return 0;
  const index = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil((p / 100) * sortedValues.length) - 1));
  return sortedValues[index] as number;
}
