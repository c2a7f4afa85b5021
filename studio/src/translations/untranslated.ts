/** Every user-visible text that lacks one of the flow's languages. */
import { nodeDefinition, type Flow, type LocalizedText } from '@parley/flow';

export interface MissingTranslation {
  nodeId: string;
  /** Path below the node, e.g. "buttons/0/title". */
  at: string;
  missing: string[];
  text: string;
}

function textIn(t: LocalizedText, lang: string, def: string): string {
  return typeof t === 'string' ? (lang === def ? t : '') : (t[lang] ?? '');
}

export function untranslated(flow: Flow): MissingTranslation[] {
  const def = flow.languages[0] ?? 'en';
  if (flow.languages.length < 2) return [];
  const out: MissingTranslation[] = [];
  for (const node of flow.nodes) {
    let texts: Array<{ at: ReadonlyArray<string | number>; text: LocalizedText }>;
    try {
      texts = nodeDefinition(node).references(node as never).texts;
    } catch {
      continue; // a half-edited node; the validator reports it
    }
    for (const { at, text } of texts) {
      const missing = flow.languages.filter((l) => !textIn(text, l, def).trim());
      if (missing.length) out.push({ nodeId: node.id, at: at.join('/'), missing, text: textIn(text, def, def) });
    }
  }
  return out;
}
