/** Transcript tests: the file format, the pure runner, the conversation driver and the diff. */
export type * from './types';
export { MockServer, urlMatches, type MockAnswer } from './mocks';
export { diffLines, formatDiff, type FormatDiffOptions } from './diff';
export { renderOutbound, renderUserTurn, renderBotExpectation, botMismatches, messageText } from './render';
export { parseFlowTests, type ParsedTestFile, type TestFileIssue } from './parse';
