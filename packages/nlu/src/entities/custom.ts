/** Flow-declared pattern entities (order ids, booking codes). Patterns are validated by the flow validator. */
import type { EntityDecl } from '@parley/contract';
import { compilePattern } from '../pattern/pattern';
import type { Entity } from '../types';
import { MAX_MATCHES } from './matches';

export function extractCustom(text: string, declarations: readonly EntityDecl[]): Entity[] {
  const out: Entity[] = [];
  for (const decl of declarations) {
    // A pattern that cannot be used yields nothing instead of throwing (the validator reports it).
    const compiled = compilePattern(decl.pattern);
    if (!compiled.ok) continue;
    for (const m of compiled.pattern.matchAll(text, MAX_MATCHES)) {
      if (m.text.length === 0) continue;
      // The first capture group, when the pattern has one, is the value ("order (\d+)" → "12345").
      const value = m.groups[0] ?? m.text;
      out.push({ type: 'custom', name: decl.name, text: m.text, value, start: m.index, end: m.index + m.text.length });
    }
  }
  return out;
}
