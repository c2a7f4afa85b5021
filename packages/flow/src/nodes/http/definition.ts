import schema from '../../../../../schemas/nodes/http.schema.json' with { type: 'json' };
import { parseExpression, referencedVariables } from '../../expr';
import type { HttpNode } from '../../types';
import type { ValidationIssue } from '../../validate/issue';
import { issue, joinPointer } from '../../validate/issue';
import { addTemplate, clip, emptyReferences } from '../helpers';
import type { LintContext, NodeDefinition } from '../types';

/** What the engine evaluates a `map` entry against: an expression over the response. */
const RESPONSE_ROOTS = ['status', 'body', 'headers', 'error'];

/** Why a map entry cannot read the response, or null. */
function mapProblem(source: string): string | null {
  const parsed = parseExpression(source);
  if (parsed.error) return `it is not a valid expression (${parsed.error.message})`;
  const outside = referencedVariables(source, { expression: true })
    .map((p) => p.split('.')[0]!)
    .filter((root) => !RESPONSE_ROOTS.includes(root));
  return outside.length > 0
    ? `it reads '${outside[0]}'; a response path starts at status, body, headers or error (e.g. "body.order.status")`
    : null;
}

function lint(node: HttpNode, ctx: LintContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  for (const [variable, source] of Object.entries(node.map ?? {})) {
    const problem = mapProblem(source);
    if (problem)
      found.push(
        issue(
          'error',
          'http-map-invalid',
          `The response mapping of '${variable}' in http node '${node.id}' is '${clip(source, 60)}': ${problem}.`,
          joinPointer(ctx.path, 'map', variable),
          node.id,
        ),
      );
  }
  // A URL that starts with a template is only known at run time; otherwise it must be absolute http(s).
  if (!node.url.trimStart().startsWith('{{') && !/^https?:\/\/[^\s/]/i.test(node.url)) {
    found.push(
      issue(
        'error',
        'http-url-invalid',
        `Http node '${node.id}' has the URL '${clip(node.url, 60)}'; expected an absolute http:// or https:// URL.`,
        joinPointer(ctx.path, 'url'),
        node.id,
      ),
    );
  }
  if ((node.method === 'GET' || node.method === 'DELETE') && node.body !== undefined) {
    found.push(
      issue(
        'warning',
        'http-body-ignored',
        `Http node '${node.id}' sends a body with ${node.method}; many servers ignore it.`,
        joinPointer(ctx.path, 'body'),
        node.id,
      ),
    );
  }
  if (!node.exits || !('failure' in node.exits)) {
    found.push(
      issue(
        'warning',
        'http-failure-unhandled',
        `Http node '${node.id}' has no 'failure' exit, so a failed request silently ends the conversation; connect it, or set it to null to end on purpose.`,
        joinPointer(ctx.path, 'exits'),
        node.id,
      ),
    );
  }
  return found;
}

export const httpNode: NodeDefinition<HttpNode> = {
  type: 'http',
  schema,
  create: (id) => ({ id, type: 'http', method: 'GET', url: 'https://' }),
  exits: () => ['success', 'failure'],
  requiredExits: () => ['success'],
  waits: () => true,
  lint,
  references(node) {
    const refs = emptyReferences();
    addTemplate(refs, node.url, ['url']);
    for (const [name, value] of Object.entries(node.headers ?? {})) addTemplate(refs, value, ['headers', name]);
    addTemplate(refs, node.body, ['body']);
    for (const variable of Object.keys(node.map ?? {})) refs.writes.push({ at: ['map', variable], variable });
    return refs;
  },
  summary: (node) => `http ${node.method} ${clip(node.url, 60)}`,
};
