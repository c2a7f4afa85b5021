/**
 * A message or ask node's `outsideWindow` template: prepared with the node's send (through the
 * template gate, like a template node's) and carried on the send effect as `fallbackTemplate`,
 * which the send plane sends instead when the 24-hour window is closed. A refusal changes no
 * path: the messages go as they are (inside the window they are fine) and a `template.refused`
 * effect says the replacement is missing.
 */
import { prepareTemplateUse } from '../nodes/template/prepare';
import type { AskNode, Flow, MessageNode } from '../types';
import type { MachineContext, Turn } from './machine-types';
import type { Built } from './outbound';

export function withOutsideWindow(built: Built, flow: Flow, node: MessageNode | AskNode, context: MachineContext, turn: Turn): Built {
  const use = node.outsideWindow;
  if (!use || built.messages.length === 0) return built;
  const { template: name, language, values } = use;
  const prepared = prepareTemplateUse(
    flow,
    `${node.id}\u0000outsideWindow`,
    { name, language, ...(values ? { values } : {}) },
    context,
    turn,
  );
  const errors = prepared.errors.length ? [...built.errors, ...prepared.errors] : built.errors;
  if (prepared.ok) return { ...built, errors, fallbackTemplate: prepared.message };
  return {
    ...built,
    errors,
    refused: { nodeId: node.id, name, language, reason: prepared.reason, detail: prepared.detail, outsideWindow: true },
  };
}
