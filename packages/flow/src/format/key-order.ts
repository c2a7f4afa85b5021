/**
 * The documented key order of flow files (docs/flow-format.md, "Stable format").
 * Each role lists its keys in order and the roles of its children. Keys a role
 * does not list keep their relative order and come after the listed ones
 * (except `exits`, which always comes last in a node). Maps (variables, exits,
 * headers, localized texts…) keep the author's order: reordering them would
 * turn an edit into a noisy diff.
 */
import { nodeDefinitions } from '../nodes/registry';

export interface Role {
  order?: readonly string[];
  /** Keys that go after every other key. */
  last?: readonly string[];
  /** Role of named children. */
  children?: Readonly<Record<string, string>>;
  /** Role of array items. */
  items?: string;
  /** Role of every map value. */
  values?: string;
}

const NODE_HEAD = ['id', 'type', 'label'];

/** Field order inside a node: id, type, label, then the fragment's own property order, exits last. */
export function nodeKeyOrder(type: unknown): string[] {
  const def =
    typeof type === 'string' && Object.hasOwn(nodeDefinitions, type) ? nodeDefinitions[type as keyof typeof nodeDefinitions] : undefined;
  const fragmentOrder = Object.keys((def?.schema.properties as Record<string, unknown> | undefined) ?? {});
  return [...NODE_HEAD, ...fragmentOrder.filter((k) => !NODE_HEAD.includes(k) && k !== 'exits')];
}

export const ROLES: Readonly<Record<string, Role>> = {
  flow: {
    order: [
      '$schema',
      'id',
      'name',
      'specVersion',
      'revision',
      'languages',
      'start',
      'variables',
      'intents',
      'entities',
      'triggers',
      'interrupts',
      'settings',
      'nodes',
    ],
    children: {
      variables: 'variables',
      intents: 'intents',
      entities: 'entities',
      triggers: 'triggers',
      interrupts: 'interrupts',
      settings: 'settings',
      nodes: 'nodes',
    },
  },
  variables: { values: 'variable' },
  variable: { order: ['type', 'default', 'description'] },
  intents: { items: 'intent' },
  intent: { order: ['name', 'description', 'examples', 'keywords', 'patterns'] },
  entities: { items: 'entity' },
  entity: { order: ['name', 'pattern'] },
  triggers: { items: 'trigger' },
  trigger: { order: ['type', 'keywords', 'match', 'intent', 'minConfidence', 'event', 'params'] },
  interrupts: { items: 'interrupt' },
  interrupt: { order: ['intent', 'target', 'resume'] },
  settings: { order: ['softTimeout', 'expireAfter'], children: { softTimeout: 'softTimeout' } },
  softTimeout: { order: ['after', 'node'] },
  nodes: { items: 'node' },
  // The node role's order depends on its type: see nodeKeyOrder.
  node: {
    last: ['exits'],
    children: {
      media: 'media',
      buttons: 'buttons',
      choices: 'buttons',
      list: 'list',
      cases: 'cases',
      assign: 'assign',
      validate: 'validate',
      params: 'templateParams',
    },
  },
  media: { order: ['type', 'url', 'caption', 'filename'] },
  buttons: { items: 'button' },
  button: { order: ['id', 'title', 'synonyms'] },
  list: { order: ['button', 'sections'], children: { sections: 'sections' } },
  sections: { items: 'section' },
  section: { order: ['title', 'rows'], children: { rows: 'rows' } },
  rows: { items: 'row' },
  row: { order: ['id', 'title', 'description'] },
  cases: { items: 'case' },
  case: { order: ['id', 'test'], children: { test: 'test' } },
  test: { order: ['op', 'args'] },
  assign: { items: 'assignment' },
  assignment: { order: ['variable', 'value'] },
  validate: { order: ['test', 'message'], children: { test: 'test' } },
  // Template params are { header, body, buttons }; subflow params are a map (listed keys simply do not occur).
  templateParams: { order: ['header', 'body', 'buttons'] },

  layout: {
    order: ['$schema', 'flowId', 'positions', 'notes', 'viewport'],
    children: { notes: 'notes', viewport: 'point', positions: 'positions' },
  },
  positions: { values: 'point' },
  point: { order: ['x', 'y', 'zoom', 'width', 'height'] },
  notes: { items: 'note' },
  note: { order: ['id', 'x', 'y', 'width', 'height', 'color', 'text'] },
};
