/** Small helpers shared by the node definitions: localized texts, length limits, references. */
import type { LocalizedText } from '../types';
import type { IssueSeverity, ValidationIssue } from '../validate/issue';
import { issue, joinPointer } from '../validate/issue';
import type { LintContext, NodeReferences, SubPath } from './types';

export function emptyReferences(): NodeReferences {
  return { templates: [], writes: [], reads: [], tests: [], flows: [], texts: [] };
}

/** Each language variant of a localized text with its sub-path (a plain string is the default language). */
function localizedVariants(text: LocalizedText, at: SubPath): Array<{ at: SubPath; language: string | null; text: string }> {
  if (typeof text === 'string') return [{ at, language: null, text }];
  return Object.entries(text)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([language, value]) => ({ at: [...at, language], language, text: value }));
}

/** Records a user-visible text: its templates and its language coverage. */
export function addText(refs: NodeReferences, text: LocalizedText | undefined, at: SubPath): void {
  if (text === undefined) return;
  refs.texts.push({ at, text });
  for (const variant of localizedVariants(text, at)) refs.templates.push({ at: variant.at, text: variant.text });
}

export function addTemplate(refs: NodeReferences, text: string | undefined, at: SubPath): void {
  if (typeof text === 'string') refs.templates.push({ at, text });
}

/** Length in user-perceived characters (code points), as Meta counts them. */
function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Reports every language variant of `text` longer than `limit`. A text with
 * `{{ }}` templates can only be judged on its literal size, so it is a warning.
 */
export function checkLength(
  ctx: LintContext,
  nodeId: string,
  text: LocalizedText | undefined,
  at: SubPath,
  limit: number,
  what: string,
  code = 'whatsapp-text-too-long',
): ValidationIssue[] {
  if (text === undefined) return [];
  const found: ValidationIssue[] = [];
  for (const variant of localizedVariants(text, at)) {
    const length = textLength(variant.text);
    if (length <= limit) continue;
    const templated = variant.text.includes('{{');
    const severity: IssueSeverity = templated ? 'warning' : 'error';
    const lang = variant.language ? ` (${variant.language})` : '';
    found.push(
      issue(
        severity,
        code,
        `${what}${lang} of node '${nodeId}' is ${length} characters; WhatsApp allows at most ${limit}` +
          (templated ? ' (measured before {{ }} templates are filled in)' : '') +
          '.',
        joinPointer(ctx.path, ...variant.at),
        nodeId,
      ),
    );
  }
  return found;
}

/** The default-language text of a localized text, used for titles in summaries and uniqueness checks. */
export function defaultText(text: LocalizedText | undefined, defaultLanguage?: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  if (defaultLanguage && typeof text[defaultLanguage] === 'string') return text[defaultLanguage];
  const first = Object.values(text)[0];
  return typeof first === 'string' ? first : '';
}

/** Truncates for one-line summaries. */
export function clip(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : oneLine.slice(0, max - 1) + '…';
}

interface Choice {
  id: string;
  title: LocalizedText;
}

/**
 * Ids of buttons/rows/cases become exit names: they must be unique and must not
 * shadow the node's built-in exits (other, timeout, default…).
 */
export function checkChoiceIds(
  ctx: LintContext,
  nodeId: string,
  choices: ReadonlyArray<{ id: string }>,
  at: (index: number) => SubPath,
  reserved: readonly string[],
  what: string,
): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const seen = new Set<string>();
  choices.forEach((choice, index) => {
    if (seen.has(choice.id)) {
      found.push(
        issue(
          'error',
          'duplicate-choice-id',
          `Node '${nodeId}' has two ${what}s with the id '${choice.id}'; ids must be unique because each one names an exit.`,
          joinPointer(ctx.path, ...at(index), 'id'),
          nodeId,
        ),
      );
    }
    seen.add(choice.id);
    if (reserved.includes(choice.id)) {
      found.push(
        issue(
          'error',
          'reserved-choice-id',
          `The ${what} id '${choice.id}' of node '${nodeId}' clashes with the built-in exit '${choice.id}'; rename it.`,
          joinPointer(ctx.path, ...at(index), 'id'),
          nodeId,
        ),
      );
    }
  });
  return found;
}

/** WhatsApp rejects reply buttons with equal titles; compares case-insensitively per language. */
export function checkUniqueTitles(
  ctx: LintContext,
  nodeId: string,
  choices: readonly Choice[],
  at: (index: number) => SubPath,
  what: string,
): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  choices.forEach((choice, index) => {
    for (const variant of localizedVariants(choice.title, [])) {
      const key = `${variant.language ?? ctx.defaultLanguage}\u0000${variant.text.trim().toLowerCase()}`;
      const first = seen.get(key);
      if (first !== undefined && first !== index) {
        found.push(
          issue(
            'error',
            'duplicate-choice-title',
            `${what} ${index + 1} of node '${nodeId}' repeats the title '${variant.text}' of ${what.toLowerCase()} ${first + 1}; titles must be unique.`,
            joinPointer(ctx.path, ...at(index), 'title', ...variant.at),
            nodeId,
          ),
        );
      } else {
        seen.set(key, index);
      }
    }
  });
  return found;
}

/**
 * A tapped reply's id is read as an intent when it names one ("agent" or "intent:agent"), and
 * the engine checks interrupts before a node's own exits: a choice whose id is an interrupt
 * intent starts the interrupt instead of taking its exit.
 */
export function checkInterruptClashes(
  ctx: LintContext,
  nodeId: string,
  choices: ReadonlyArray<{ id: string }>,
  at: (index: number) => SubPath,
  what: string,
  /** What the tap should have done, e.g. "taking exit 'x'" (by choice id). */
  intended: (id: string) => string,
): ValidationIssue[] {
  const interrupts = Array.isArray(ctx.flow.interrupts) ? ctx.flow.interrupts : [];
  const intents = new Set(interrupts.map((i) => i?.intent).filter((name): name is string => typeof name === 'string'));
  if (intents.size === 0) return [];
  const found: ValidationIssue[] = [];
  choices.forEach((choice, index) => {
    const intent = typeof choice.id === 'string' ? (choice.id.startsWith('intent:') ? choice.id.slice('intent:'.length) : choice.id) : '';
    if (!intents.has(intent)) return;
    found.push(
      issue(
        'warning',
        'choice-id-is-interrupt',
        `The ${what} id '${choice.id}' of node '${nodeId}' names the interrupt intent '${intent}', so tapping it runs that interrupt instead of ${intended(choice.id)}; rename the ${what} id.`,
        joinPointer(ctx.path, ...at(index), 'id'),
        nodeId,
      ),
    );
  });
  return found;
}

/** The `timeout` exit is taken only when the node sets a `timeout` duration; connected without one, it is dead. */
export function checkTimeoutExit(
  ctx: LintContext,
  node: { id: string; timeout?: string; exits?: Record<string, string | null> },
  kind: string,
): ValidationIssue[] {
  const target = node.exits?.timeout;
  if (typeof target !== 'string' || node.timeout !== undefined) return [];
  return [
    issue(
      'warning',
      'timeout-exit-never-fires',
      `${kind} node '${node.id}' connects its 'timeout' exit to '${target}' but sets no 'timeout' duration, so that exit can never be taken; add a timeout (e.g. "15m") or remove the exit.`,
      joinPointer(ctx.path, 'exits', 'timeout'),
      node.id,
    ),
  ];
}
