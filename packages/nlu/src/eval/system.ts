/** What the evaluation runs: anything that can be trained on labelled utterances and then asked for one. */
import type { LabelledUtterance } from './csv';

export interface Prediction {
  /** null: the system declines (out of scope). */
  intent: string | null;
  /** Best in-scope guess even when declined, so accuracy can be measured apart from the threshold. */
  best: string | null;
  confidence: number;
}

export interface EvaluatedSystem {
  name: string;
  train(rows: readonly LabelledUtterance[]): Promise<void>;
  predict(text: string): Promise<Prediction> | Prediction;
}
