/**
 * 0.9.0 (the draft format) → 1.0.0.
 *
 * The 0.9 draft differed from 1.0 in these ways:
 * - top level: `title` (now `name`), `version` (now `specVersion`), `rev` (now
 *   `revision`), `language` + `translations` (now `languages`, default first),
 *   `variables` as `{ name: "type" }` (now `{ name: { type } }`), `intents` as
 *   an object keyed by name with one-language `examples` (now an array with
 *   examples per language);
 * - `nodes` was an object keyed by node id (now an array, in the same order);
 * - every node had `next` (now `exits.next`), questions had `on_invalid` /
 *   `on_timeout` (now exits `invalid` / `timeout`);
 * - `type: "question"` with `save` is now `ask` with `saveAs`;
 * - message `buttons` were plain strings, with `routes` keyed by button title
 *   and `next` for anything else (now buttons `{ id, title }`, one exit per id,
 *   and `other`);
 * - `type: "condition"` with `cases: [{ if: "op arg…", goto }]` and `else` is
 *   now `route` with named cases and a `default` exit;
 * - `type: "webhook"` with `save` and `on_error` is now `http` with `map` and
 *   the `success` / `failure` exits.
 */
import { joinPointer } from '../validate/issue';
import type { JsonObject, Migration } from './types';
import { MigrationProblem } from './types';

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function requireObject(value: unknown, path: string, what: string): JsonObject {
  if (!isObject(value)) throw new MigrationProblem(path, `${what} at ${path || '/'} must be an object in a 0.9.0 flow.`);
  return value;
}

/** Button ids were implicit in 0.9: derive a stable, valid id from the title. */
function slug(title: string, taken: Set<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'option';
  let id = base;
  for (let n = 2; taken.has(id) || ['other', 'timeout'].includes(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** "has_number_between 1 10" → { op, args: [1, 10] }; quoted args keep spaces: has_phrase "talk to". */
function parseCondition(source: unknown, path: string): { op: string; args?: Array<string | number> } {
  if (typeof source !== 'string' || source.trim() === '')
    throw new MigrationProblem(path, `The condition at ${path} must be a text like "has_any_word yes yeah".`);
  const tokens = [...source.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const [op, ...rest] = tokens;
  const args = rest.map((a) => (/^-?\d+(\.\d+)?$/.test(a) ? Number(a) : a));
  return args.length > 0 ? { op: op!, args } : { op: op! };
}

function exitsFrom(pairs: Array<[string, unknown]>): JsonObject | undefined {
  const exits: JsonObject = {};
  for (const [name, target] of pairs) if (target !== undefined) exits[name] = target;
  return Object.keys(exits).length > 0 ? exits : undefined;
}

function withExits(node: JsonObject, exits: JsonObject | undefined): JsonObject {
  return exits ? { ...node, exits } : node;
}

function migrateNode(id: string, old: JsonObject, path: string): JsonObject {
  const { type, next, ...rest } = old;
  switch (type) {
    case 'question': {
      const { save, on_invalid: onInvalid, on_timeout: onTimeout, expect, ...fields } = rest;
      return withExits(
        { id, type: 'ask', ...fields, expect: expect ?? 'text', saveAs: save },
        exitsFrom([
          ['next', next],
          ['invalid', onInvalid],
          ['timeout', onTimeout],
        ]),
      );
    }
    case 'message': {
      const { buttons, routes, ...fields } = rest;
      if (buttons === undefined) return withExits({ id, type, ...fields }, exitsFrom([['next', next]]));
      if (!Array.isArray(buttons))
        throw new MigrationProblem(joinPointer(path, 'buttons'), `The buttons of node '${id}' must be a list of titles in a 0.9.0 flow.`);
      const routeMap = routes === undefined ? {} : requireObject(routes, joinPointer(path, 'routes'), `The routes of node '${id}'`);
      const taken = new Set<string>();
      const converted = buttons.map((title, i) => {
        if (typeof title !== 'string')
          throw new MigrationProblem(joinPointer(path, 'buttons', i), `Button ${i + 1} of node '${id}' must be a title in a 0.9.0 flow.`);
        return { id: slug(title, taken), title };
      });
      const exits = exitsFrom([
        ...converted.map((b): [string, unknown] => [b.id, Object.hasOwn(routeMap, b.title) ? routeMap[b.title] : undefined]),
        ['other', next],
      ]);
      return withExits({ id, type, ...fields, buttons: converted }, exits);
    }
    case 'condition': {
      const { cases, else: otherwise, ...fields } = rest;
      if (!Array.isArray(cases))
        throw new MigrationProblem(joinPointer(path, 'cases'), `The cases of condition node '${id}' must be a list in a 0.9.0 flow.`);
      const converted = cases.map((c, i) => {
        const at = joinPointer(path, 'cases', i);
        const entry = requireObject(c, at, `Case ${i + 1} of node '${id}'`);
        return { id: `case_${i + 1}`, test: parseCondition(entry.if, joinPointer(at, 'if')), target: entry.goto };
      });
      const exits = exitsFrom([...converted.map((c): [string, unknown] => [c.id, c.target]), ['default', otherwise ?? next]]);
      return withExits({ id, type: 'route', ...fields, cases: converted.map(({ id: caseId, test }) => ({ id: caseId, test })) }, exits);
    }
    case 'webhook': {
      const { save, on_error: onError, method, ...fields } = rest;
      const map = save === undefined ? undefined : requireObject(save, joinPointer(path, 'save'), `The save map of node '${id}'`);
      const node: JsonObject = { id, type: 'http', method: method ?? 'GET', ...fields };
      if (map) node.map = map;
      return withExits(
        node,
        exitsFrom([
          ['success', next],
          ['failure', onError],
        ]),
      );
    }
    case 'set': {
      const { values, ...fields } = rest;
      const assign = Object.entries(requireObject(values, joinPointer(path, 'values'), `The values of set node '${id}'`)).map(
        ([variable, value]) => ({ variable, value: String(value) }),
      );
      return withExits({ id, type: 'set', ...fields, assign }, exitsFrom([['next', next]]));
    }
    case 'end':
      return { id, type, ...rest };
    default:
      // The other node types had today's shape already, apart from `next`.
      return withExits({ id, type, ...rest }, exitsFrom([['next', next]]));
  }
}

function migrateIntents(intents: unknown, language: string): JsonObject[] | undefined {
  if (intents === undefined) return undefined;
  return Object.entries(requireObject(intents, '/intents', 'intents')).map(([name, value]) => {
    const old = requireObject(value, joinPointer('/intents', name), `Intent '${name}'`);
    const intent: JsonObject = { name };
    if (old.description !== undefined) intent.description = old.description;
    if (old.examples !== undefined) intent.examples = { [language]: old.examples };
    if (old.keywords !== undefined) intent.keywords = { [language]: old.keywords };
    if (old.patterns !== undefined) intent.patterns = old.patterns;
    return intent;
  });
}

export const v0_9_0_to_v1_0_0: Migration = {
  from: '0.9.0',
  to: '1.0.0',
  description: 'nodes become an array with exits; question → ask, condition → route, webhook → http; buttons get ids',
  migrate(doc) {
    const { title, version: _version, specVersion: _spec, rev, language, translations, variables, intents, nodes, ...rest } = doc;
    const defaultLanguage = typeof language === 'string' ? language : 'en';
    const others = Array.isArray(translations) ? translations.filter((l) => l !== defaultLanguage) : [];
    const nodeMap = requireObject(nodes, '/nodes', 'nodes');
    const out: JsonObject = {
      id: rest.id,
      name: title ?? rest.id,
      specVersion: '1.0.0',
      revision: typeof rev === 'number' ? rev : 0,
      languages: [defaultLanguage, ...others],
      start: rest.start,
    };
    if (variables !== undefined) {
      out.variables = Object.fromEntries(
        Object.entries(requireObject(variables, '/variables', 'variables')).map(([name, type]) => [name, isObject(type) ? type : { type }]),
      );
    }
    const migratedIntents = migrateIntents(intents, defaultLanguage);
    if (migratedIntents) out.intents = migratedIntents;
    for (const key of ['entities', 'triggers', 'interrupts', 'settings'] as const) if (rest[key] !== undefined) out[key] = rest[key];
    out.nodes = Object.entries(nodeMap).map(([id, node]) =>
      migrateNode(id, requireObject(node, joinPointer('/nodes', id), `Node '${id}'`), joinPointer('/nodes', id)),
    );
    return out;
  },
};
