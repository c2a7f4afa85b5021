/**
 * Templates against what they name (ValidateOptions.templateInfo, built by the host from
 * `templates/` and the lock): a template node's template, and a message/ask node's
 * `outsideWindow` template. The template and language exist and are approved, the values cover
 * the parameters and fit their types, the quick replies are handled after the node, a template
 * node's payload exits are quick replies of its template, and a template node's send that can
 * be refused has somewhere to go.
 */
import type { TemplateInfo } from '@parley/contract';
import { payloadExits } from '../nodes/template/payload-exits';
import type { AskNode, Flow, MessageNode, TemplateNode } from '../types';
import { handledWords } from './handled-words';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';
import type { ValidateOptions } from './options';
import { valueMismatch } from './template-values';

type At = (...segments: Array<string | number>) => string;

/** One place a flow sends a template from. */
interface TemplateSite {
  nodeId: string;
  name: string;
  language: string;
  values?: Record<string, string>;
  params?: TemplateNode['params'];
  /** How messages name the sender: "Template node 'x'" or "The outsideWindow template of node 'x'". */
  who: string;
  /** The same mid-sentence: "template node 'x'", "node 'x' (outside the 24-hour window)". */
  sender: string;
  /** Pointer of a field of the template reference (name, language, values…). */
  at: At;
  /** The field holding the template's name ("name" on template nodes, "template" in outsideWindow). */
  nameField: string;
}

function infoOf(name: string, options: ValidateOptions): TemplateInfo | undefined {
  try {
    return options.templateInfo?.(name);
  } catch {
    return undefined;
  }
}

export function checkTemplateNode(node: TemplateNode, path: string, flow: Flow, options: ValidateOptions): ValidationIssue[] {
  if (!options.templateInfo) return [];
  const at: At = (...segments) => joinPointer(path, ...segments);
  const site: TemplateSite = {
    ...node,
    nodeId: node.id,
    who: `Template node '${node.id}'`,
    sender: `template node '${node.id}'`,
    at,
    nameField: 'name',
  };
  const info = infoOf(node.name, options);
  if (!info) return [unknownTemplate(site)];
  const found = checkSite(site, info, flow);
  found.push(...checkPayloadExits(node, info, at));
  found.push(...checkQuickReplies(site, info, handledWords(node, flow)));
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

/** A message or ask node's `outsideWindow` template: the same checks, at /nodes/i/outsideWindow/…; a refusal changes no path. */
export function checkOutsideWindow(node: MessageNode | AskNode, path: string, flow: Flow, options: ValidateOptions): ValidationIssue[] {
  const use = node.outsideWindow;
  if (!use || !options.templateInfo) return [];
  const site: TemplateSite = {
    nodeId: node.id,
    name: use.template,
    language: use.language,
    ...(use.values ? { values: use.values } : {}),
    who: `The outsideWindow template of node '${node.id}'`,
    sender: `node '${node.id}' (outside the 24-hour window)`,
    at: (...segments) => joinPointer(path, 'outsideWindow', ...segments),
    nameField: 'template',
  };
  const info = infoOf(use.template, options);
  if (!info) return [unknownTemplate(site)];
  return [...checkSite(site, info, flow), ...checkQuickReplies(site, info, handledWords(node, flow))];
}

function unknownTemplate(site: TemplateSite): ValidationIssue {
  return issue(
    'error',
    'unknown-template',
    `${site.who} sends '${site.name}', which is not a template in templates/.`,
    site.at(site.nameField),
    site.nodeId,
  );
}

function checkSite(site: TemplateSite, info: TemplateInfo, flow: Flow): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  if (!info.languages.includes(site.language)) {
    found.push(
      issue(
        'error',
        'template-language-missing',
        `${site.who} sends '${site.name}' in '${site.language}', which the template does not have; it has ${info.languages.join(', ') || 'no languages'}.`,
        site.at('language'),
        site.nodeId,
      ),
    );
  } else if (!info.approvedLanguages.includes(site.language)) {
    found.push(
      issue(
        'warning',
        'template-not-approved',
        `Template '${site.name}' is not approved by WhatsApp in '${site.language}' yet, so ${site.sender} cannot send it; push it and wait for approval (parley templates push, then status).`,
        site.at('language'),
        site.nodeId,
      ),
    );
  }
  if (site.values) found.push(...checkValues(site, site.values, info, flow));
  else if (site.params && Object.keys(info.parameters).length > 0) {
    found.push(
      issue(
        'warning',
        'template-positional-params',
        `${site.who} passes positional parameters, so they are not checked or formatted; map the template's parameters (${Object.keys(info.parameters).join(', ')}) by name in its values.`,
        site.at('params'),
        site.nodeId,
      ),
    );
  } else if (!site.params) found.push(...checkValues(site, {}, info, flow));
  return found;
}

function checkValues(site: TemplateSite, values: Record<string, string>, info: TemplateInfo, flow: Flow): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  for (const [name, parameter] of Object.entries(info.parameters)) {
    if (parameter.optional || Object.hasOwn(values, name)) continue;
    found.push(
      issue(
        'error',
        'template-parameter-missing',
        `${site.who} gives no value for '${name}' (${parameter.type}), which template '${site.name}' needs and has no fallback for.`,
        site.at('values'),
        site.nodeId,
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
          `${site.who} gives a value for '${name}', which template '${site.name}' does not have; its parameters are ${known.length ? known.join(', ') : 'none'}.`,
          site.at('values', name),
          site.nodeId,
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
          `The value of '${name}' in ${site.sender} cannot fill a ${parameter.type} parameter: ${mismatch}.`,
          site.at('values', name),
          site.nodeId,
        ),
      );
  }
  return found;
}

/** Each payload exit waits for a quick reply of the template: one it does not have can never be taken. */
function checkPayloadExits(node: TemplateNode, info: TemplateInfo, at: At): ValidationIssue[] {
  const payloads = new Set(info.quickReplies.map((reply) => reply.payload));
  const offered = info.quickReplies.map((reply) => `'${reply.payload}' (${reply.text})`);
  return payloadExits(node)
    .filter((key) => !payloads.has(key))
    .map((key) =>
      issue(
        'error',
        'template-exit-unknown-payload',
        `Template node '${node.id}' has an exit '${key}', but template '${node.name}' has no quick reply with that payload, so it can never be taken; ${offered.length ? `its quick replies are ${offered.join(', ')}` : 'it has no quick replies'} (the other exits a template node can have are next, failed, other and timeout).`,
        at('exits', key),
        node.id,
      ),
    );
}

/**
 * A quick-reply tap comes back as a message with the button's payload: something from the node
 * on (its own choices or payload exits, a route case, an interrupt or keyword) should recognise
 * it, or the tap is a message nobody expects.
 */
function checkQuickReplies(site: TemplateSite, info: TemplateInfo, handled: Set<string>): ValidationIssue[] {
  return info.quickReplies
    .filter((reply) => !handled.has(reply.payload.trim().toLowerCase()) && !handled.has(reply.text.trim().toLowerCase()))
    .map((reply) =>
      issue(
        'warning',
        'template-quick-reply-unhandled',
        `The quick reply '${reply.text}' of template '${site.name}' (payload '${reply.payload}') is not recognised after ${site.sender}: no route case, choice, payload exit, interrupt or keyword there matches it.`,
        site.at(site.nameField),
        site.nodeId,
      ),
    );
}
