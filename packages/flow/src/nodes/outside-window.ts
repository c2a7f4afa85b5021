/**
 * The `outsideWindow` template of message and ask nodes, as their definitions see it: its values
 * are `{{ }}` templates (checked for variables like any text) and none may be empty. The checks
 * against the template itself (name, language, parameters) need the templates: validate/template-lint.ts.
 */
import type { AskNode, MessageNode } from '../types';
import type { ValidationIssue } from '../validate/issue';
import { issue, joinPointer } from '../validate/issue';
import { addTemplate } from './helpers';
import type { LintContext, NodeReferences } from './types';

export function lintOutsideWindow(node: MessageNode | AskNode, ctx: LintContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(node.outsideWindow?.values ?? {})) {
    // Meta rejects empty text parameters; a missing value should be left out to use the fallback.
    if (value.trim() === '')
      found.push(
        issue(
          'error',
          'template-param-empty',
          `The value of '${name}' in the outsideWindow template of node '${node.id}' is empty; WhatsApp rejects empty parameters. Leave it out to use the template's fallback.`,
          joinPointer(ctx.path, 'outsideWindow', 'values', name),
          node.id,
        ),
      );
  }
  return found;
}

export function addOutsideWindowReferences(refs: NodeReferences, node: MessageNode | AskNode): void {
  for (const [name, value] of Object.entries(node.outsideWindow?.values ?? {})) addTemplate(refs, value, ['outsideWindow', 'values', name]);
}
