/**
 * Validation off the main thread: the first run compiles the JSON Schema
 * (hundreds of milliseconds) and a 500-node flow takes tens of milliseconds per
 * run — neither may block typing or dragging.
 */
import { runValidation, type ValidationRequest } from './run';

self.onmessage = (e: MessageEvent<ValidationRequest>) => {
  const { id, flow, knownFlows, templates } = e.data;
  self.postMessage({ id, issues: runValidation(flow, knownFlows ? new Set(knownFlows) : undefined, templates) });
};
