export { operators, operatorNames, checkOperator, runOperator } from './registry';
export { checkPattern, compilePattern, MAX_PATTERN_LENGTH } from './regex-safety';
export type { ArgSpec, OperatorArg, OperatorContext, OperatorDef, OperatorFixture, OperatorResult } from './types';
