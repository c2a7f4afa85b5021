export { DEFAULT_LIMITS, type Expr, type ExprError, type ExprLimits, type BinaryOp } from './ast';
export { parseExpression, type ParseResult as ExprParseResult } from './parser';
export { evaluate, type EvalOptions, type EvalResult } from './evaluate';
export { FUNCTIONS, type FunctionDef } from './functions';
export { isTruthy, toText, type Value } from './values';
export {
  parseTemplate,
  renderTemplate,
  referencedVariables,
  isTemplate,
  MAX_TEMPLATE_LENGTH,
  type ParsedTemplate,
  type TemplatePart,
  type RenderResult,
} from './template';
export { cutAtGrapheme, isWellFormed, preview, wellFormed } from './unicode';
