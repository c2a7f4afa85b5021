import schema from '../../../../../schemas/nodes/ask.schema.json' with { type: 'json' };
import type { AskNode } from '../../types';
import type { ValidationIssue } from '../../validate/issue';
import { addOutsideWindowReferences, lintOutsideWindow } from '../outside-window';
import { issue, joinPointer } from '../../validate/issue';
import {
  addText,
  checkChoiceIds,
  checkInterruptClashes,
  checkLength,
  checkTimeoutExit,
  checkUniqueTitles,
  clip,
  defaultText,
  emptyReferences,
} from '../helpers';
import type { LintContext, NodeDefinition } from '../types';
import { WHATSAPP_LIMITS as L } from '../whatsapp-limits';

function lint(node: AskNode, ctx: LintContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const choices = node.choices ?? [];
  if (node.expect === 'choice' && choices.length === 0) {
    found.push(
      issue(
        'error',
        'ask-choice-without-choices',
        `Ask node '${node.id}' expects a choice but lists no choices.`,
        joinPointer(ctx.path, 'expect'),
        node.id,
      ),
    );
  }
  if (node.expect !== 'choice' && choices.length > 0) {
    found.push(
      issue(
        'warning',
        'ask-choices-unused',
        `Ask node '${node.id}' lists choices but expects '${node.expect}', so the choices are never shown.`,
        joinPointer(ctx.path, 'choices'),
        node.id,
      ),
    );
  }
  // Up to 3 choices are sent as reply buttons, more as a (paged) list: the title limit follows.
  const asButtons = choices.length <= L.buttonCount;
  const titleLimit = asButtons ? L.buttonTitle : L.listRowTitle;
  const shape = asButtons ? 'a button' : 'a list row';
  choices.forEach((choice, i) =>
    found.push(
      ...checkLength(
        ctx,
        node.id,
        choice.title,
        ['choices', i, 'title'],
        titleLimit,
        `The title of choice '${choice.id}' (sent as ${shape})`,
      ),
    ),
  );
  found.push(...checkChoiceIds(ctx, node.id, choices, (i) => ['choices', i], [], 'choice'));
  found.push(...checkUniqueTitles(ctx, node.id, choices, (i) => ['choices', i], 'Choice'));
  // Choices are offered only when the ask expects one (else ask-choices-unused says so).
  if (node.expect === 'choice')
    found.push(
      ...checkInterruptClashes(
        ctx,
        node.id,
        choices,
        (i) => ['choices', i],
        'choice',
        () => 'answering the question',
      ),
    );
  found.push(...checkTimeoutExit(ctx, node, 'Ask'));
  const promptLimit = node.expect === 'choice' && asButtons && choices.length > 0 ? L.buttonBody : L.textBody;
  found.push(...checkLength(ctx, node.id, node.prompt, ['prompt'], promptLimit, 'The prompt'));
  found.push(...checkLength(ctx, node.id, node.retryPrompt, ['retryPrompt'], L.textBody, 'The retry prompt'));
  found.push(...checkLength(ctx, node.id, node.validate?.message, ['validate', 'message'], L.textBody, 'The validation message'));
  found.push(...lintOutsideWindow(node, ctx));
  return found;
}

export const askNode: NodeDefinition<AskNode> = {
  type: 'ask',
  schema,
  create: (id) => ({ id, type: 'ask', prompt: '', expect: 'text', saveAs: 'answer' }),
  exits: () => ['next', 'invalid', 'timeout'],
  requiredExits: () => ['next'],
  waits: () => true,
  lint,
  references(node) {
    const refs = emptyReferences();
    addText(refs, node.prompt, ['prompt']);
    addText(refs, node.retryPrompt, ['retryPrompt']);
    node.choices?.forEach((c, i) => addText(refs, c.title, ['choices', i, 'title']));
    if (node.validate) {
      refs.tests.push({ at: ['validate', 'test'], test: node.validate.test });
      addText(refs, node.validate.message, ['validate', 'message']);
    }
    refs.writes.push({ at: ['saveAs'], variable: node.saveAs });
    addOutsideWindowReferences(refs, node);
    return refs;
  },
  summary: (node) => `ask (${node.expect}) → ${node.saveAs}: ${clip(defaultText(node.prompt))}`,
};
