/**
 * A template node against the template it names (ValidateOptions.templateInfo, built by the
 * host from `templates/` and the lock): the template and language exist and are approved, the
 * values cover the parameters and fit their types, the quick replies are handled after the
 * node, and a send that can be refused has somewhere to go.
 */
import type { TemplateInfo } from '@parley/contract';
import type { Flow, FlowNode, TemplateNode } from '../types';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';
import type { ValidateOptions } from './options';
import { valueMismatch } from './template-values';

function infoOf(name: string, options: ValidateOptions): TemplateInfo | undefined {
  try {
    return options.templateInfo?.(name);
  } catch {
    return undefined;
  }
}

export function checkTemplateNode(node: TemplateNode, path: string, flow: Flow, options: ValidateOptions): ValidationIssue[] {
  if (!options.templateInfo) return [];
  const info = infoOf(node.name, options);
  const at = (...segments: Array<string | number>) => joinPointer(path, ...segments);
  const found: ValidationIssue[] = [];
  if (!info) {
    found.push(
      issue(
        'error',
        'unknown-template',
        `Template node '${node.id}' sends '${node.name}', which is not a template in templates/.`,
        at('name'),
        node.id,
      ),
    );
    return found;
  }
  if (!info.languages.includes(node.language)) {
    found.push(
      issue(
        'error',
        'template-language-missing',
        `Template node '${node.id}' sends '${node.name}' in '${node.language}', which the template does not have; it has ${info.languages.join(', ') || 'no languages'}.`,
        at('language'),
        node.id,
      ),
    );
  } else if (!info.approvedLanguages.includes(node.language)) {
    found.push(
      issue(
        'warning',
        'template-not-approved',
        `Template '${node.name}' is not approved by WhatsApp in '${node.language}' yet, so template node '${node.id}' cannot send it; push it and wait for approval (parley templates push, then status).`,
        at('language'),
        node.id,
      ),
    );
  }
  if (node.values) found.push(...checkValues(node, node.values, info, flow, at));
  else if (node.params && Object.keys(info.parameters).length > 0) {
    found.push(
      issue(
        'warning',
        'template-positional-params',
        `Template node '${node.id}' passes positional parameters, so they are not checked or formatted; map the template's parameters (${Object.keys(info.parameters).join(', ')}) by name in its values.`,
        at('params'),
        node.id,
      ),
    );
  } else if (!node.params) found.push(...checkValues(node, {}, info, flow, at));
  found.push(...checkQuickReplies(node, info, flow, at));
  if (!(node.exits && Object.hasOwn(node.exits, 'failed')) && flow.settings?.templateFailure === undefined) {
    found.push(
      issue(
        'warning',
        'template-failure-unhandled',
        `Template node '${node.id}' has no 'failed' exit and the flow sets no template failure step, so when '${node.name}' is paused or disabled nothing is sent and the flow goes on by 'next'; connect 'failed'.`,
        at('exits'),
        node.id,
      ),
    );
  }
  return found;
}

function checkValues(
  node: TemplateNode,
  values: Record<string, string>,
  info: TemplateInfo,
  flow: Flow,
  at: (...segments: Array<string | number>) => string,
): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  for (const [name, parameter] of Object.entries(info.parameters)) {
    if (parameter.optional || Object.hasOwn(values, name)) continue;
    found.push(
      issue(
        'error',
        'template-parameter-missing',
        `Template node '${node.id}' gives no value for '${name}' (${parameter.type}), which template '${node.name}' needs and has no fallback for.`,
        at('values'),
        node.id,
      ),
    );
  }
  for (const [name, source] of Object.entries(values)) {
    const parameter = Object.hasOwn(info.parameters, name) ? info.parameters[name] : undefined;
    if (!parameter) {
      const known = Object.keys(info.parameters);
      found.push(
        issue(
          'error',
          'template-parameter-unknown',
          `Template node '${node.id}' gives a value for '${name}', which template '${node.name}' does not have; its parameters are ${known.length ? known.join(', ') : 'none'}.`,
          at('values', name),
          node.id,
        ),
      );
      continue;
    }
    const mismatch = valueMismatch(source, parameter.type, flow);
    if (mismatch)
      found.push(
        issue(
          'error',
          'template-parameter-type',
          `The value of '${name}' in template node '${node.id}' cannot fill a ${parameter.type} parameter: ${mismatch}.`,
          at('values', name),
          node.id,
        ),
      );
  }
  return found;
}

/**
 * A quick-reply tap comes back as a message with the button's payload: something after the
 * node (a route case, a choice id, an interrupt or keyword) should recognise it, or the tap is
 * a message nobody expects.
 */
function checkQuickReplies(
  node: TemplateNode,
  info: TemplateInfo,
  flow: Flow,
  at: (...segments: Array<string | number>) => string,
): ValidationIssue[] {
  if (info.quickReplies.length === 0) return [];
  const handled = handledWords(node, flow);
  return info.quickReplies
    .filter((reply) => !handled.has(reply.payload.toLowerCase()) && !handled.has(reply.text.toLowerCase()))
    .map((reply) =>
      issue(
        'warning',
        'template-quick-reply-unhandled',
        `The quick reply '${reply.text}' of template '${node.name}' (payload '${reply.payload}') is not recognised after template node '${node.id}': no route case, choice or keyword there matches it.`,
        at('name'),
        node.id,
      ),
    );
}

/** Every route argument, choice id and keyword the flow can reach from `start` on, lower-cased. */
function handledWords(start: FlowNode, flow: Flow): Set<string> {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const words = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') words.add(value.toLowerCase());
  };
  for (const trigger of flow.triggers ?? []) if (trigger.type === 'keyword') trigger.keywords.forEach(add);
  const seen = new Set<string>();
  const queue: FlowNode[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    if (node.type === 'route') for (const c of node.cases) (c.test.args ?? []).forEach(add);
    if (node.type === 'ask') for (const choice of node.choices ?? []) add(choice.id);
    if (node.type === 'message') {
      for (const button of node.buttons ?? []) add(button.id);
      for (const section of node.list?.sections ?? []) for (const row of section.rows) add(row.id);
    }
    for (const next of Object.values(node.exits ?? {})) {
      const target = next === null ? undefined : byId.get(next);
      if (target) queue.push(target);
    }
  }
  return words;
}
