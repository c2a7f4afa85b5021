/** Transcript tests: the file format, the pure runner, the conversation driver and the diff. */
export type * from './types';
export { runFlowTest, runFlowTestFile, type RunOptions } from './runner';
export {
  Conversation,
  DEFAULT_START,
  type Outcome,
  type BotMessage,
  type BotRefusal,
  type Understand,
  type UnderstandContext,
  type PendingRequest,
  type PendingTimer,
  type Snapshot,
} from './conversation';
export { MockServer, urlMatches, isRetryable, type MockAnswer } from './mocks';
export { formatDiff, type FormatDiffOptions } from './diff';
export {
  renderOutbound,
  paramText as templateParamText,
  renderBotEvent,
  renderUserTurn,
  renderBotExpectation,
  botMismatches,
  botEventMismatches,
  messageText,
} from './render';
export { parseFlowTests, type ParsedTestFile, type TestFileIssue } from './parse';
export { lintFlowTests, type TestLintIssue } from './lint';
export { flowCoverage, type FlowCoverage } from './coverage';
export { TranscriptRecorder } from './recorder';
