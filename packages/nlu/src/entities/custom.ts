/** Flow-declared pattern entities (order ids, booking codes). Patterns are validated by the flow validator. */
import type { EntityDecl } from '@parley/flow';
import type { Entity } from '../types';
import { limitedMatches } from './matches';

const compiled = new Map<string, RegExp | null>();

/** Compile once per pattern; a pattern that does not compile yields nothing instead of throwing. */
function compile(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re !== undefined) return re;
  try {
    re = new RegExp(pattern, 'giu');
  } catch {
    re = null;
  }
  if (compiled.size > 1000) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

export function extractCustom(text: string, declarations: readonly EntityDecl[]): Entity[] {
  const out: Entity[] = [];
  for (const decl of declarations) {
    const re = compile(decl.pattern);
    if (!re) continue;
    for (const m of limitedMatches(text, re)) {
      if (m[0].length === 0) continue;
      // The first capture group, when the pattern has one, is the value ("order (\d+)" → "12345").
      const value = m[1] ?? m[0];
      out.push({ type: 'custom', name: decl.name, text: m[0], value, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
