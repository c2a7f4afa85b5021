/**
 * Finds where a JSON text is broken and says why, with line and column.
 * JSON.parse is used for the actual parsing; its messages differ between
 * engines and often omit the position, so when it fails this scanner walks the
 * text once more (iteratively, so nesting depth cannot overflow the stack).
 */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  return `'${ch}'`;
}

/** Returns the first syntax error in `text`, or null if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, ...lineColumn(text, offset), message });
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  /** Containers still open: what each expects next. */
  const stack: Array<'array' | 'object'> = [];

  // Reads one string starting at i (which is a quote); returns an error or null.
  const readString = (): JsonSyntaxError | null => {
    const start = i;
    i++;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return null;
      }
      if (ch === '\\') {
        ESCAPE.lastIndex = i + 1;
        if (!ESCAPE.test(text)) return fail(i, `Invalid escape sequence '\\${text[i + 1] ?? ''}' in a string.`);
        i = ESCAPE.lastIndex;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20)
        return fail(
          i,
          `${ch === '\n' ? 'A line break' : 'A control character'} inside a string; strings must be closed on the same line (use \\n).`,
        );
      i++;
    }
    return fail(start, "A string is never closed (missing '\"').");
  };

  // Reads a scalar or opens a container at i.
  const readValue = (): JsonSyntaxError | null => {
    skip();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? 'object' : 'array');
      i++;
      return null;
    }
    if (ch === '"') return readString();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    NUMBER.lastIndex = i;
    if (ch !== undefined && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return null;
    }
    if (ch === "'") return fail(i, 'Strings must use double quotes ("), not single quotes.');
    return fail(i, `Expected a value (string, number, object, array, true, false or null) but found ${describe(ch)}.`);
  };

  // After a value: close containers or expect a separator.
  type State = 'value' | 'afterValue' | 'objectStart' | 'key' | 'arrayStart';
  let state: State = 'value';
  for (;;) {
    skip();
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (state === 'value') {
      const error = readValue();
      if (error) return error;
      const opened = text[i - 1];
      // Only an opened container can leave '{' or '[' as the last consumed character.
      state = opened === '{' ? 'objectStart' : opened === '[' ? 'arrayStart' : 'afterValue';
      continue;
    }
    if (state === 'objectStart' || state === 'arrayStart') {
      if ((state === 'objectStart' && ch === '}') || (state === 'arrayStart' && ch === ']')) {
        stack.pop();
        i++;
        state = 'afterValue';
        continue;
      }
      state = state === 'objectStart' ? 'key' : 'value';
      continue;
    }
    if (state === 'key') {
      if (ch !== '"') {
        if (ch === '}') return fail(i, "Trailing comma before '}': remove the last comma.");
        return fail(i, `Expected a property name in double quotes but found ${describe(ch)}.`);
      }
      const error = readString();
      if (error) return error;
      skip();
      if (text[i] !== ':') return fail(i, `Expected ':' after a property name but found ${describe(text[i])}.`);
      i++;
      state = 'value';
      continue;
    }
    // afterValue
    if (top === undefined) {
      if (ch === undefined) return null;
      return fail(i, `Unexpected ${describe(ch)} after the end of the JSON document.`);
    }
    if (ch === ',') {
      i++;
      if (top === 'object') {
        state = 'key';
      } else {
        skip();
        if (text[i] === ']') return fail(i, "Trailing comma before ']': remove the last comma.");
        state = 'value';
      }
      continue;
    }
    if ((top === 'object' && ch === '}') || (top === 'array' && ch === ']')) {
      stack.pop();
      i++;
      continue;
    }
    const closer = top === 'object' ? '}' : ']';
    if (ch === undefined) return fail(i, `The text ends before the ${top} is closed (missing '${closer}').`);
    return fail(i, `Expected ',' or '${closer}' but found ${describe(ch)}.`);
  }
}

export interface JsonDuplicateKey {
  offset: number;
  line: number;
  column: number;
  key: string;
  /** JSON pointer of the duplicated member. */
  pointer: string;
}

interface Frame {
  keys: Set<string> | null;
  index: number;
  lastKey: string;
  /** This container's key or index in its parent. */
  segment: string;
}

/**
 * Keys that appear twice in one object of a *valid* JSON text. JSON.parse keeps
 * the last and silently drops the other — in a flow file that is usually a
 * badly resolved merge, so it is worth an error. One linear pass.
 */
export function findDuplicateKeys(text: string, limit = 20): JsonDuplicateKey[] {
  const found: JsonDuplicateKey[] = [];
  const frames: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length && found.length < limit; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = frames[frames.length - 1];
      if (top?.keys && expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) {
          const segments = [...frames.slice(1).map((f) => f.segment), key];
          const pointer = segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
          found.push({ offset: start, ...lineColumn(text, start), key, pointer });
        }
        top.keys.add(key);
        top.lastKey = key;
        expectKey = false;
      }
    } else if (c === '{' || c === '[') {
      const top = frames[frames.length - 1];
      const segment = !top ? '' : top.keys ? top.lastKey : String(top.index);
      frames.push({ keys: c === '{' ? new Set() : null, index: 0, lastKey: '', segment });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      frames.pop();
    } else if (c === ',') {
      const top = frames[frames.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return found;
}
