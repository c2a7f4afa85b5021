/**
 * Language coverage: every localized text must have the flow's default
 * language (languages[0]); other declared languages that are missing are
 * warnings (the engine falls back to the default), and languages the flow does
 * not declare are warnings too (likely a typo such as "pt_BR").
 */
import { nodeDefinition } from '../nodes/registry';
import type { Flow, LocalizedText } from '../types';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';

function checkText(flow: Flow, text: LocalizedText, path: string, what: string, nodeId?: string): ValidationIssue[] {
  const [defaultLanguage, ...others] = flow.languages;
  const found: ValidationIssue[] = [];
  const present = typeof text === 'string' ? [defaultLanguage!] : Object.keys(text);
  if (!present.includes(defaultLanguage!)) {
    found.push(
      issue('error', 'missing-default-language', `${what} has no text in the default language '${defaultLanguage}'.`, path, nodeId),
    );
  }
  const missing = others.filter((lang) => !present.includes(lang));
  if (missing.length > 0) {
    found.push(
      issue(
        'warning',
        'missing-translation',
        `${what} has no ${missing.join(', ')} translation; the default language is used instead.`,
        path,
        nodeId,
      ),
    );
  }
  for (const lang of present) {
    if (!flow.languages.includes(lang)) {
      found.push(
        issue(
          'warning',
          'unknown-language',
          `${what} has a '${lang}' version, but '${lang}' is not one of the flow's languages (${flow.languages.join(', ')}).`,
          joinPointer(path, lang),
          nodeId,
        ),
      );
    }
  }
  return found;
}

function checkLanguageMap(flow: Flow, map: Record<string, unknown> | undefined, path: string, what: string): ValidationIssue[] {
  return Object.keys(map ?? {})
    .filter((lang) => !flow.languages.includes(lang))
    .map((lang) =>
      issue(
        'warning',
        'unknown-language',
        `${what} has entries for '${lang}', which is not one of the flow's languages (${flow.languages.join(', ')}).`,
        joinPointer(path, lang),
      ),
    );
}

export function lintLanguages(flow: Flow): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  flow.nodes.forEach((node, i) => {
    for (const t of nodeDefinition(node).references(node).texts) {
      const path = joinPointer('', 'nodes', i, ...t.at);
      const field = t.at
        .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
        .join('')
        .replace(/^\./, '');
      found.push(...checkText(flow, t.text, path, `The ${field} of node '${node.id}'`, node.id));
    }
  });
  (flow.intents ?? []).forEach((intent, i) => {
    found.push(...checkLanguageMap(flow, intent.examples, joinPointer('', 'intents', i, 'examples'), `Intent '${intent.name}' examples`));
    found.push(...checkLanguageMap(flow, intent.keywords, joinPointer('', 'intents', i, 'keywords'), `Intent '${intent.name}' keywords`));
  });
  return found;
}
