import schema from '../../../../../schemas/nodes/llm.schema.json' with { type: 'json' };
import type { LlmNode } from '../../types';
import { issue, joinPointer } from '../../validate/issue';
import { addTemplate, addText, checkLength, clip, emptyReferences } from '../helpers';
import type { NodeDefinition } from '../types';
import { WHATSAPP_LIMITS as L } from '../whatsapp-limits';

export const llmNode: NodeDefinition<LlmNode> = {
  type: 'llm',
  schema,
  create: (id) => ({ id, type: 'llm', prompt: 'Reply to: {{input.text}}', fallback: '' }),
  /** `next` runs after the reply (or the fallback, when the model fails) is ready. */
  exits: () => ['next'],
  requiredExits: () => [],
  waits: () => true,
  lint(node, ctx) {
    const found = checkLength(ctx, node.id, node.fallback, ['fallback'], L.textBody, 'The fallback text');
    if (node.send === false && node.saveAs === undefined) {
      found.push(
        issue(
          'warning',
          'llm-result-discarded',
          `LLM node '${node.id}' neither sends its reply (send: false) nor saves it (no saveAs), so the result is lost.`,
          joinPointer(ctx.path, 'send'),
          node.id,
        ),
      );
    }
    return found;
  },
  references(node) {
    const refs = emptyReferences();
    addTemplate(refs, node.prompt, ['prompt']);
    addText(refs, node.fallback, ['fallback']);
    node.context?.forEach((variable, i) => refs.reads.push({ at: ['context', i], variable }));
    if (node.saveAs !== undefined) refs.writes.push({ at: ['saveAs'], variable: node.saveAs });
    return refs;
  },
  summary: (node) => `llm: ${clip(node.prompt)}${node.saveAs ? ` → ${node.saveAs}` : ''}`,
};
