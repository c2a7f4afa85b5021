/**
 * Recursive-descent parser for the expression language.
 *
 *   or         := and (("or" | "||") and)*
 *   and        := not (("and" | "&&") not)*
 *   not        := ("not" | "!") not | comparison
 *   comparison := additive (("==" | "=" | "!=" | "<" | "<=" | ">" | ">=") additive)?
 *   additive   := term (("+" | "-") term)*
 *   term       := unary (("*" | "/" | "%") unary)*
 *   unary      := "-" unary | postfix
 *   postfix    := primary ("." ident | "[" or "]")*
 *   primary    := number | string | true | false | null | ident | ident "(" args ")" | "(" or ")" | "[" args "]"
 *
 * Depth is capped so no input can exhaust the stack; errors come back as values.
 */
import { DEFAULT_LIMITS, type BinaryOp, type Expr, type ExprError, type ExprLimits } from './ast';
import { tokenize, type Token } from './lexer';
import { FUNCTIONS } from './functions';
import { preview } from './unicode';

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null']);

class ParseFailure {
  constructor(readonly error: ExprError) {}
}

export type ParseResult = { ast: Expr; error?: undefined } | { ast?: undefined; error: ExprError };

export function parseExpression(source: string, limits: ExprLimits = DEFAULT_LIMITS): ParseResult {
  if (source.length > limits.maxSourceLength) {
    return { error: { message: `expression is ${source.length} characters long; the limit is ${limits.maxSourceLength}`, pos: 0 } };
  }
  const lexed = tokenize(source);
  if ('error' in lexed) return { error: lexed.error };
  try {
    const parser = new Parser(lexed.tokens, limits.maxDepth);
    const ast = parser.parseOr();
    parser.expectEnd();
    return { ast };
  } catch (failure) {
    if (failure instanceof ParseFailure) return { error: failure.error };
    // Defensive: the depth cap should make this unreachable, but a parse must never throw.
    return { error: { message: `expression could not be parsed: ${String(failure)}`, pos: 0 } };
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly maxDepth: number,
  ) {}

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private fail(message: string, pos = this.peek().pos): never {
    throw new ParseFailure({ message, pos });
  }

  private is(kind: Token['kind'], ...texts: string[]): boolean {
    const token = this.peek();
    return token.kind === kind && (texts.length === 0 || texts.includes(token.text));
  }

  private isKeyword(word: string): boolean {
    return this.is('ident', word);
  }

  private expect(kind: Token['kind'], text: string): Token {
    if (!this.is(kind, text)) {
      const token = this.peek();
      this.fail(`expected '${text}' at ${token.pos} but found ${describe(token)}`);
    }
    return this.next();
  }

  expectEnd(): void {
    if (!this.is('eof')) {
      const token = this.peek();
      this.fail(`unexpected ${describe(token)} at ${token.pos}`);
    }
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) this.fail(`expression is nested deeper than ${this.maxDepth} levels`);
  }

  private leave(): void {
    this.depth--;
  }

  parseOr(): Expr {
    this.enter();
    let left = this.parseAnd();
    while (this.isKeyword('or') || this.is('op', '||')) {
      const pos = this.next().pos;
      left = { kind: 'logical', op: 'or', left, right: this.parseAnd(), pos };
    }
    this.leave();
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKeyword('and') || this.is('op', '&&')) {
      const pos = this.next().pos;
      left = { kind: 'logical', op: 'and', left, right: this.parseNot(), pos };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isKeyword('not') || this.is('op', '!')) {
      const pos = this.next().pos;
      this.enter();
      const operand = this.parseNot();
      this.leave();
      return { kind: 'unary', op: 'not', operand, pos };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    if (this.is('op', '==', '=', '!=', '<', '<=', '>', '>=')) {
      const token = this.next();
      const op = (token.text === '=' ? '==' : token.text) as BinaryOp;
      const right = this.parseAdditive();
      if (this.is('op', '==', '=', '!=', '<', '<=', '>', '>=')) {
        this.fail(`comparisons cannot be chained (at ${this.peek().pos}); combine them with 'and'`);
      }
      return { kind: 'binary', op, left, right, pos: token.pos };
    }
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseTerm();
    while (this.is('op', '+', '-')) {
      const token = this.next();
      left = { kind: 'binary', op: token.text as BinaryOp, left, right: this.parseTerm(), pos: token.pos };
    }
    return left;
  }

  private parseTerm(): Expr {
    let left = this.parseUnary();
    while (this.is('op', '*', '/', '%')) {
      const token = this.next();
      left = { kind: 'binary', op: token.text as BinaryOp, left, right: this.parseUnary(), pos: token.pos };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.is('op', '-')) {
      const pos = this.next().pos;
      this.enter();
      const operand = this.parseUnary();
      this.leave();
      return { kind: 'unary', op: '-', operand, pos };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    let expr = this.parsePrimary();
    while (this.is('punct', '.', '[')) {
      const token = this.next();
      if (token.text === '.') {
        const name = this.peek();
        // Allow numeric segments too: items.0 reads like items[0].
        if (name.kind !== 'ident' && name.kind !== 'number') this.fail(`expected a property name after '.' at ${name.pos}`);
        this.next();
        expr = { kind: 'member', object: expr, property: name.text, pos: token.pos };
      } else {
        const index = this.parseOr();
        this.expect('punct', ']');
        expr = { kind: 'index', object: expr, index, pos: token.pos };
      }
    }
    return expr;
  }

  private parseArgs(close: string): Expr[] {
    const args: Expr[] = [];
    if (this.is('punct', close)) {
      this.next();
      return args;
    }
    for (;;) {
      args.push(this.parseOr());
      if (this.is('punct', ',')) {
        this.next();
        continue;
      }
      this.expect('punct', close);
      return args;
    }
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.next();
        if (!Number.isFinite(token.value)) this.fail(`number '${token.text}' is out of range`, token.pos);
        return { kind: 'literal', value: token.value as number, pos: token.pos };
      case 'string':
        this.next();
        return { kind: 'literal', value: token.value as string, pos: token.pos };
      case 'ident':
        return this.parseIdentifier();
      case 'punct':
        if (token.text === '(') {
          this.next();
          const inner = this.parseOr();
          this.expect('punct', ')');
          return inner;
        }
        if (token.text === '[') {
          this.next();
          this.enter();
          const items = this.parseArgs(']');
          this.leave();
          return { kind: 'list', items, pos: token.pos };
        }
        break;
      case 'eof':
        this.fail(token.pos === 0 ? 'expression is empty' : `expression ends early at ${token.pos}`);
    }
    this.fail(`unexpected ${describe(token)} at ${token.pos}`);
  }

  private parseIdentifier(): Expr {
    const token = this.next();
    const name = token.text;
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', pos: token.pos };
    if (name === 'null') return { kind: 'literal', value: null, pos: token.pos };
    if (KEYWORDS.has(name)) this.fail(`unexpected keyword '${name}' at ${token.pos}`, token.pos);
    if (this.is('punct', '(')) {
      this.next();
      const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!fn) this.fail(`unknown function '${name}' at ${token.pos}`, token.pos);
      this.enter();
      const args = this.parseArgs(')');
      this.leave();
      if (args.length < fn.minArgs || args.length > fn.maxArgs) {
        const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
        this.fail(`${name}() takes ${expected} argument(s), got ${args.length}`, token.pos);
      }
      return { kind: 'call', name, args, pos: token.pos };
    }
    return { kind: 'variable', name, pos: token.pos };
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of expression';
  return `'${preview(token.text)}'`;
}
