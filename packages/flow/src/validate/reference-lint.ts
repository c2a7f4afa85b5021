/**
 * Cross-references: variables read and written, intents, entities, route
 * operators, subflows, templates, and the node ids named by interrupts and
 * settings. Node-specific facts come from each node definition's `references()`.
 */
import { parseTemplate, referencedVariables } from '../expr';
import { nodeDefinition } from '../nodes/registry';
import type { NodeReferences } from '../nodes/types';
import { checkOperator, operators } from '../operators';
import type { Flow, RouteTest, VariableType } from '../types';
import { BUILTIN_ENTITY_TYPES, BUILTIN_SCOPE_ROOTS } from './builtins';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';
import type { ValidateOptions } from './options';
import { lintPattern } from './regex-lint';
import { didYouMean } from './suggest';

interface Scope {
  flow: Flow;
  variables: Set<string>;
  intents: Set<string>;
  entities: Set<string>;
  used: Set<string>;
  found: ValidationIssue[];
  options: ValidateOptions;
}

function rootOf(path: string): string {
  return path.split('.')[0]!;
}

function checkVariable(scope: Scope, variable: string, path: string, nodeId: string | undefined, how: string): void {
  const root = rootOf(variable);
  scope.used.add(root);
  if (scope.variables.has(root) || BUILTIN_SCOPE_ROOTS.includes(root)) return;
  const owner = nodeId === undefined ? '' : `Node '${nodeId}' `;
  const hint = didYouMean(root, [...scope.variables, ...BUILTIN_SCOPE_ROOTS]);
  scope.found.push(
    issue('error', 'undeclared-variable', `${owner}${how} '${root}', which is not declared in "variables".${hint}`, path, nodeId),
  );
}

/** What a flow may save to the contact: its own attributes and the tenant's custom fields (the rest is the channel's). */
const CONTACT_ATTRIBUTES = ['name', 'language', 'timezone', 'tags'];
const CONTACT_READONLY = ['id', 'phone', 'channel', 'address'];

function checkContactTarget(scope: Scope, field: string, path: string, nodeId: string): void {
  scope.used.add('contact');
  if (CONTACT_READONLY.includes(field)) {
    scope.found.push(
      issue(
        'error',
        'contact-field-readonly',
        `Node '${nodeId}' saves into 'contact.${field}', which comes from the channel and cannot be changed.`,
        path,
        nodeId,
      ),
    );
    return;
  }
  const known = scope.options.contactFields;
  if (!known || CONTACT_ATTRIBUTES.includes(field) || known.includes(field)) return;
  const hint = didYouMean(field, [...CONTACT_ATTRIBUTES, ...known]);
  scope.found.push(
    issue(
      'warning',
      'unknown-contact-field',
      `Node '${nodeId}' saves into 'contact.${field}', which is not a custom contact field of this tenant (it is saved untyped).${hint}`,
      path,
      nodeId,
    ),
  );
}

function checkTemplate(scope: Scope, text: string, path: string, nodeId: string | undefined): void {
  if (!text.includes('{{')) return;
  const parsed = parseTemplate(text);
  const owner = nodeId === undefined ? 'The template' : `The template in node '${nodeId}'`;
  const inExpressions = new Set(parsed.parts.flatMap((part) => (part.kind === 'expr' && part.error ? [part.error] : [])));
  for (const part of parsed.parts) {
    if (part.kind === 'expr' && part.error) {
      scope.found.push(
        issue(
          'error',
          'template-syntax',
          `${owner} has an invalid expression '{{${part.source}}}': ${part.error.message} (see docs/expressions.md).`,
          path,
          nodeId,
        ),
      );
    }
  }
  for (const error of parsed.errors) {
    if (!inExpressions.has(error))
      scope.found.push(issue('error', 'template-syntax', `${owner} is invalid: ${error.message}.`, path, nodeId));
  }
  for (const variable of referencedVariables(text)) checkVariable(scope, variable, path, nodeId, 'reads');
}

function checkTest(scope: Scope, test: RouteTest, path: string, nodeId: string): void {
  const args = test.args ?? [];
  const first = args[0];
  if (test.op === 'has_pattern' && args.length === 1 && typeof first === 'string') {
    // has_pattern's own argument check is the regex screen: report it with the regex codes.
    const regexIssues = lintPattern(first, joinPointer(path, 'args', 0), `the has_pattern test of node '${nodeId}'`, nodeId);
    if (regexIssues.length > 0) {
      scope.found.push(...regexIssues);
      return;
    }
  }
  const problem = checkOperator(test.op, args);
  if (problem !== null) {
    const code = Object.hasOwn(operators, test.op) ? 'operator-args' : 'unknown-operator';
    scope.found.push(
      issue(
        'error',
        code,
        `Route test in node '${nodeId}': ${problem}.`,
        joinPointer(path, code === 'unknown-operator' ? 'op' : 'args'),
        nodeId,
      ),
    );
    if (code === 'unknown-operator') return;
  }
  if (test.op === 'has_intent' && typeof first === 'string' && !scope.intents.has(first)) {
    scope.found.push(
      issue(
        'error',
        'undeclared-intent',
        `Node '${nodeId}' tests for the intent '${first}', which is not declared in "intents".${didYouMean(first, scope.intents)}`,
        joinPointer(path, 'args', 0),
        nodeId,
      ),
    );
  }
  if (test.op === 'has_entity' && typeof first === 'string' && !scope.entities.has(first) && !BUILTIN_ENTITY_TYPES.includes(first)) {
    scope.found.push(
      issue(
        'error',
        'undeclared-entity',
        `Node '${nodeId}' tests for the entity '${first}', which is neither declared in "entities" nor a built-in type (${BUILTIN_ENTITY_TYPES.join(', ')}).${didYouMean(first, [...scope.entities, ...BUILTIN_ENTITY_TYPES])}`,
        joinPointer(path, 'args', 0),
        nodeId,
      ),
    );
  }
  // Expression arguments read variables like templates do ("operand" is the value under test).
  operators[test.op]?.args.forEach((spec, i) => {
    const arg = args[i];
    if (spec.type !== 'expression' || typeof arg !== 'string') return;
    for (const variable of referencedVariables(arg, { expression: true })) {
      if (rootOf(variable) !== 'operand') checkVariable(scope, variable, joinPointer(path, 'args', i), nodeId, 'reads');
    }
  });
}

function checkNodeReferences(scope: Scope, refs: NodeReferences, base: string, nodeId: string): void {
  for (const t of refs.templates) checkTemplate(scope, t.text, joinPointer(base, ...t.at), nodeId);
  for (const w of refs.writes) {
    if (w.variable.startsWith('contact.'))
      checkContactTarget(scope, w.variable.slice('contact.'.length), joinPointer(base, ...w.at), nodeId);
    else checkVariable(scope, w.variable, joinPointer(base, ...w.at), nodeId, 'saves into');
  }
  for (const r of refs.reads) checkVariable(scope, r.variable, joinPointer(base, ...r.at), nodeId, 'reads');
  for (const t of refs.tests) checkTest(scope, t.test, joinPointer(base, ...t.at), nodeId);
  for (const f of refs.flows) {
    const path = joinPointer(base, ...f.at);
    if (f.flow === scope.flow.id) {
      scope.found.push(
        issue(
          'warning',
          'recursive-subflow',
          `Node '${nodeId}' calls its own flow '${f.flow}' as a subflow; make sure the recursion ends.`,
          path,
          nodeId,
        ),
      );
    } else if (!flowExists(scope.options, f.flow)) {
      scope.found.push(
        issue('error', 'unknown-subflow', `Node '${nodeId}' calls the flow '${f.flow}', which does not exist.`, path, nodeId),
      );
    }
  }
}

/** Whether a subflow target exists; true when the host gave no way to tell. Host callbacks may not throw us off. */
function flowExists(options: ValidateOptions, id: string): boolean {
  try {
    if (options.resolveFlow) return options.resolveFlow(id) !== undefined;
    return options.knownFlows ? options.knownFlows(id) : true;
  } catch {
    return false;
  }
}

const TYPE_CHECKS: Record<VariableType, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  list: (v) => Array.isArray(v),
};

function checkDeclarations(scope: Scope): void {
  const { flow, found } = scope;
  for (const [name, decl] of Object.entries(flow.variables ?? {})) {
    const path = joinPointer('', 'variables', name);
    if (BUILTIN_SCOPE_ROOTS.includes(name)) {
      found.push(
        issue(
          'error',
          'variable-reserved-name',
          `The variable '${name}' has the name of a built-in (${BUILTIN_SCOPE_ROOTS.join(', ')}); rename it.`,
          path,
        ),
      );
    }
    if (decl.default !== undefined && decl.default !== null && !TYPE_CHECKS[decl.type](decl.default)) {
      found.push(
        issue(
          'error',
          'variable-default-type',
          `The default of variable '${name}' does not match its type '${decl.type}'.`,
          joinPointer(path, 'default'),
        ),
      );
    }
  }
  const names = new Set<string>();
  (flow.intents ?? []).forEach((intent, i) => {
    const path = joinPointer('', 'intents', i);
    if (names.has(intent.name))
      found.push(issue('error', 'duplicate-intent', `The intent '${intent.name}' is declared twice.`, joinPointer(path, 'name')));
    names.add(intent.name);
    intent.patterns?.forEach((p, j) =>
      found.push(...lintPattern(p, joinPointer(path, 'patterns', j), `pattern ${j + 1} of intent '${intent.name}'`)),
    );
  });
  const entityNames = new Set<string>();
  (flow.entities ?? []).forEach((entity, i) => {
    const path = joinPointer('', 'entities', i);
    if (entityNames.has(entity.name))
      found.push(issue('error', 'duplicate-entity', `The entity '${entity.name}' is declared twice.`, joinPointer(path, 'name')));
    entityNames.add(entity.name);
    found.push(...lintPattern(entity.pattern, joinPointer(path, 'pattern'), `the pattern of entity '${entity.name}'`));
  });
}

function checkFlowLevelRefs(scope: Scope, nodeIds: Set<string>): void {
  const { flow, found } = scope;
  (flow.triggers ?? []).forEach((trigger, i) => {
    if (trigger.type === 'intent' && !scope.intents.has(trigger.intent)) {
      found.push(
        issue(
          'error',
          'undeclared-intent',
          `Trigger ${i + 1} starts the flow on the intent '${trigger.intent}', which is not declared in "intents".${didYouMean(trigger.intent, scope.intents)}`,
          joinPointer('', 'triggers', i, 'intent'),
        ),
      );
    }
  });
  (flow.triggers ?? []).forEach((trigger, i) => {
    if (trigger.type !== 'event') return;
    // The engine copies each event parameter into the declared variable of the same name.
    for (const [name, type] of Object.entries(trigger.params ?? {})) {
      const path = joinPointer('', 'triggers', i, 'params', name);
      const decl = flow.variables && Object.hasOwn(flow.variables, name) ? flow.variables[name] : undefined;
      if (!decl) {
        found.push(
          issue(
            'warning',
            'trigger-param-undeclared',
            `Event '${trigger.event}' passes '${name}', which is not a declared variable, so it is only readable as {{trigger.params.${name}}}; declare it to use it as {{${name}}}.`,
            path,
          ),
        );
      } else if (decl.type !== type) {
        found.push(
          issue(
            'warning',
            'trigger-param-type',
            `Event '${trigger.event}' passes '${name}' as ${type}, but the variable '${name}' is declared as ${decl.type}; the value is converted on start.`,
            path,
          ),
        );
      }
    }
  });
  const interruptIntents = new Set<string>();
  (flow.interrupts ?? []).forEach((interrupt, i) => {
    const path = joinPointer('', 'interrupts', i);
    if (!scope.intents.has(interrupt.intent)) {
      found.push(
        issue(
          'error',
          'undeclared-intent',
          `Interrupt ${i + 1} listens for the intent '${interrupt.intent}', which is not declared in "intents".${didYouMean(interrupt.intent, scope.intents)}`,
          joinPointer(path, 'intent'),
        ),
      );
    }
    if (interruptIntents.has(interrupt.intent)) {
      found.push(
        issue(
          'error',
          'duplicate-interrupt',
          `Two interrupts listen for the intent '${interrupt.intent}'; only the first would ever run.`,
          joinPointer(path, 'intent'),
        ),
      );
    }
    interruptIntents.add(interrupt.intent);
    if (!nodeIds.has(interrupt.target)) {
      found.push(
        issue(
          'error',
          'unknown-node-reference',
          `Interrupt '${interrupt.intent}' targets the node '${interrupt.target}', which does not exist.${didYouMean(interrupt.target, nodeIds)}`,
          joinPointer(path, 'target'),
        ),
      );
    }
  });
  const soft = flow.settings?.softTimeout;
  if (soft && !nodeIds.has(soft.node)) {
    found.push(
      issue(
        'error',
        'unknown-node-reference',
        `The soft timeout runs the node '${soft.node}', which does not exist.${didYouMean(soft.node, nodeIds)}`,
        '/settings/softTimeout/node',
      ),
    );
  }
  const templateFailure = flow.settings?.templateFailure;
  if (templateFailure !== undefined && !nodeIds.has(templateFailure)) {
    found.push(
      issue(
        'error',
        'unknown-node-reference',
        `The template failure step '${templateFailure}' does not exist.${didYouMean(templateFailure, nodeIds)}`,
        '/settings/templateFailure',
      ),
    );
  }
}

/** `partial`: some nodes are placeholders (invalid structure), so "unused" cannot be judged. */
export function lintReferences(flow: Flow, options: ValidateOptions, partial = false): ValidationIssue[] {
  const scope: Scope = {
    flow,
    variables: new Set(Object.keys(flow.variables ?? {})),
    intents: new Set((flow.intents ?? []).map((i) => i.name)),
    entities: new Set((flow.entities ?? []).map((e) => e.name)),
    used: new Set(),
    found: [],
    options,
  };
  checkDeclarations(scope);
  checkFlowLevelRefs(scope, new Set(flow.nodes.map((n) => n.id)));
  flow.nodes.forEach((node, i) => checkNodeReferences(scope, nodeDefinition(node).references(node), joinPointer('', 'nodes', i), node.id));
  for (const name of Object.keys(flow.variables ?? {})) {
    if (!partial && !scope.used.has(name)) {
      scope.found.push(
        issue(
          'warning',
          'unused-variable',
          `The variable '${name}' is declared but never read or written by any node.`,
          joinPointer('', 'variables', name),
        ),
      );
    }
  }
  return scope.found;
}
