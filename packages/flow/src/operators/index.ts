export { operators, operatorNames, checkOperator, runOperator } from './registry';
export type { ArgSpec, OperatorArg, OperatorContext, OperatorDef, OperatorFixture, OperatorResult } from './types';
