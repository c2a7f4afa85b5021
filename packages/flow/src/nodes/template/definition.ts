import schema from '../../../../../schemas/nodes/template.schema.json' with { type: 'json' };
import type { TemplateNode } from '../../types';
import type { ValidationIssue } from '../../validate/issue';
import { issue, joinPointer } from '../../validate/issue';
import { addTemplate, checkTimeoutExit, emptyReferences } from '../helpers';
import type { LintContext, NodeDefinition } from '../types';
import { WHATSAPP_LIMITS as L } from '../whatsapp-limits';
import { payloadExits, templateWaits } from './payload-exits';

const COMPONENTS = ['header', 'body', 'buttons'] as const;

function lint(node: TemplateNode, ctx: LintContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  if (node.values && node.params) {
    found.push(
      issue(
        'error',
        'template-values-and-params',
        `Template node '${node.id}' has both named values and positional params; keep the named values (they are checked and formatted) and remove the params.`,
        joinPointer(ctx.path, 'params'),
        node.id,
      ),
    );
  }
  for (const [name, value] of Object.entries(node.values ?? {})) {
    // Meta rejects empty text parameters (error 131008/132012); a missing value should be left out to use the fallback.
    if (value.trim() === '')
      found.push(
        issue(
          'error',
          'template-param-empty',
          `The value of '${name}' in template node '${node.id}' is empty; WhatsApp rejects empty parameters. Leave it out to use the template's fallback.`,
          joinPointer(ctx.path, 'values', name),
          node.id,
        ),
      );
  }
  if (node.timeout !== undefined && !templateWaits(node)) {
    found.push(
      issue(
        'warning',
        'template-timeout-unused',
        `Template node '${node.id}' sets a timeout but has no quick-reply payload exits, so it never waits and the timeout is ignored; add an exit named after a quick reply's payload, or remove the timeout.`,
        joinPointer(ctx.path, 'timeout'),
        node.id,
      ),
    );
  }
  if (templateWaits(node)) found.push(...checkTimeoutExit(ctx, node, 'Template'));
  const params = node.params ?? {};
  if ((params.header?.length ?? 0) > L.templateHeaderParams) {
    found.push(
      issue(
        'error',
        'template-param-count',
        `Template node '${node.id}' passes ${params.header!.length} header parameters; a WhatsApp template header takes at most ${L.templateHeaderParams}.`,
        joinPointer(ctx.path, 'params', 'header'),
        node.id,
      ),
    );
  }
  if ((params.buttons?.length ?? 0) > L.templateButtonParams) {
    found.push(
      issue(
        'error',
        'template-param-count',
        `Template node '${node.id}' passes ${params.buttons!.length} button parameters; a WhatsApp template has at most ${L.templateButtonParams} buttons.`,
        joinPointer(ctx.path, 'params', 'buttons'),
        node.id,
      ),
    );
  }
  for (const component of COMPONENTS) {
    params[component]?.forEach((value, i) => {
      // Meta rejects empty text parameters (error 131008/132012), so an empty literal is a bug.
      if (value.trim() === '') {
        found.push(
          issue(
            'error',
            'template-param-empty',
            `Parameter ${i + 1} of the ${component} of template node '${node.id}' is empty; WhatsApp rejects empty parameters.`,
            joinPointer(ctx.path, 'params', component, i),
            node.id,
          ),
        );
      }
    });
  }
  return found;
}

export const templateNode: NodeDefinition<TemplateNode> = {
  type: 'template',
  schema,
  create: (id) => ({ id, type: 'template', name: 'template_name', language: 'en' }),
  // Any other exit key is a quick-reply payload; with one, the node waits and `other`/`timeout` apply.
  exits: (node) => (templateWaits(node) ? ['next', 'failed', ...payloadExits(node), 'other', 'timeout'] : ['next', 'failed']),
  requiredExits: () => [],
  waits: templateWaits,
  lint,
  references(node) {
    const refs = emptyReferences();
    for (const [name, value] of Object.entries(node.values ?? {})) addTemplate(refs, value, ['values', name]);
    for (const component of COMPONENTS) node.params?.[component]?.forEach((value, i) => addTemplate(refs, value, ['params', component, i]));
    return refs;
  },
  summary: (node) => {
    const replies = templateWaits(node) ? ` [${payloadExits(node).join(' | ')}]` : '';
    if (node.values) return `template ${node.name} (${node.language}, ${Object.keys(node.values).join(', ') || 'no values'})${replies}`;
    const p = node.params ?? {};
    const count = (p.header?.length ?? 0) + (p.body?.length ?? 0) + (p.buttons?.length ?? 0);
    return `template ${node.name} (${node.language}, ${count} params)${replies}`;
  },
};
