/** '@parley/nlu/eval': the evaluation behind `parley nlu eval` and the benchmark script. Node-side only. */
export { parseLabelledCsv, CsvFormatError, type LabelledUtterance } from './csv';
export { computeMetrics, precisionAtCoverage, macroF1, oosRecall, percentile, type Metrics, type ScoredPrediction } from './metrics';
export { evaluate, type EvaluationResult } from './runner';
export { formatTable } from './report';
export { parleySystem, flowIntentsFromRows } from './parley-system';
export { nlpjsSystem } from './nlpjs-baseline';
export type { EvaluatedSystem, Prediction } from './system';
