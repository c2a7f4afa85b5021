/** Expression syntax tree. Every node carries `pos` (offset in the source) for error messages. */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; pos: number }
  | { kind: 'variable'; name: string; pos: number }
  | { kind: 'member'; object: Expr; property: string; pos: number }
  | { kind: 'index'; object: Expr; index: Expr; pos: number }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { kind: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; name: string; args: Expr[]; pos: number }
  | { kind: 'list'; items: Expr[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A precise, user-facing problem with an expression or template. */
export interface ExprError {
  message: string;
  /** Offset in the expression (or template) source where the problem is. */
  pos: number;
}

/** Limits that keep any input bounded in time and memory. */
export interface ExprLimits {
  /** Max source length of one expression, in characters. */
  maxSourceLength: number;
  /** Max nesting depth of the syntax tree (parentheses, calls, operators). */
  maxDepth: number;
  /** Max evaluation steps (each node visit and each unit of string work costs). */
  maxSteps: number;
  /** Max length of any string value produced. */
  maxStringLength: number;
  /** Max length of any list value produced. */
  maxListLength: number;
}

export const DEFAULT_LIMITS: ExprLimits = {
  maxSourceLength: 2_000,
  maxDepth: 32,
  maxSteps: 10_000,
  maxStringLength: 8_192,
  maxListLength: 1_000,
};
