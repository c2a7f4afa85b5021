/** Trains a system on one set, runs it over the test (and out-of-scope) set, and measures quality and time. */
import type { LabelledUtterance } from './csv';
import { computeMetrics, oosRecall, percentile, type Metrics, type ScoredPrediction } from './metrics';
import type { EvaluatedSystem } from './system';

export interface EvaluationResult extends Metrics {
  system: string;
  trainingMs: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** Declined share of the out-of-scope set, when one was given. */
  oosRecall?: number;
  oosCount?: number;
}

export async function evaluate(
  system: EvaluatedSystem,
  train: readonly LabelledUtterance[],
  test: readonly LabelledUtterance[],
  oos?: readonly LabelledUtterance[],
): Promise<EvaluationResult> {
  const trainingStarted = performance.now();
  await system.train(train);
  const trainingMs = performance.now() - trainingStarted;
  const latencies: number[] = [];
  const predictions: ScoredPrediction[] = [];
  for (const row of test) {
    const started = performance.now();
    const prediction = await system.predict(row.text);
    latencies.push(performance.now() - started);
    predictions.push({ expected: row.intent, best: prediction.best, accepted: prediction.intent, confidence: prediction.confidence });
  }
  const declined: boolean[] = [];
  for (const row of oos ?? []) {
    const started = performance.now();
    const prediction = await system.predict(row.text);
    latencies.push(performance.now() - started);
    declined.push(prediction.intent === null);
  }
  latencies.sort((a, b) => a - b);
  return {
    system: system.name,
    ...computeMetrics(predictions),
    trainingMs,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? 0 },
    ...(oos ? { oosRecall: oosRecall(declined), oosCount: oos.length } : {}),
  };
}
