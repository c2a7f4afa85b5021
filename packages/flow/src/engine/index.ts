export { step, DEFAULT_MAX_TRANSITIONS, MAX_SUBFLOW_DEPTH, type StepOptions } from './step';
export {
  compileFlow,
  compileUncached,
  clearCompileCache,
  CompileError,
  type CompiledFlow,
  type CompileResult,
  type StateKind,
} from './compile';
export { ENGINE_SNAPSHOT_VERSION, upgradeSnapshot, type EngineSnapshot, type FrameState, type LegacySnapshot } from './snapshot';
export { contentHash, stableStringify } from './hash';
export { parseDuration } from './duration';
export { expectationsAt } from './expectations';
export { understandingFlowFor } from './understanding-flow';
export { isUserEvent } from './events';
