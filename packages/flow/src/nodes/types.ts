/**
 * The node *definition* layer: what the validator, the studio and the engine
 * need to know about a node type without executing it. One module per type,
 * collected in `registry.ts`. The execute layer lives in `engine/`.
 */
import type { Flow, FlowNode, LocalizedText, NodeType, RouteTest } from '../types';
import type { ValidationIssue } from '../validate/issue';

/** A path below the node, as JSON-pointer segments: ['buttons', 0, 'title']. */
export type SubPath = ReadonlyArray<string | number>;

/** Facts the flow-wide lint passes need from a node, gathered by its definition. */
export interface NodeReferences {
  /** Strings that may contain `{{ }}` templates (localized texts are expanded per language). */
  templates: Array<{ at: SubPath; text: string }>;
  /** Variables this node assigns. */
  writes: Array<{ at: SubPath; variable: string }>;
  /** Variables this node reads by name (not through a template). */
  reads: Array<{ at: SubPath; variable: string }>;
  /** Route tests (operators, intents, patterns). */
  tests: Array<{ at: SubPath; test: RouteTest }>;
  /** Other flows this node calls. */
  flows: Array<{ at: SubPath; flow: string }>;
  /** User-visible texts, for language coverage checks. */
  texts: Array<{ at: SubPath; text: LocalizedText }>;
}

export interface LintContext {
  flow: Flow;
  /** JSON pointer of the node, e.g. "/nodes/3". */
  path: string;
  /** languages[0]. */
  defaultLanguage: string;
}

export interface NodeDefinition<N extends FlowNode = FlowNode> {
  type: N['type'];
  /** The JSON Schema fragment (schemas/nodes/<type>.schema.json). */
  schema: Readonly<Record<string, unknown>>;
  /** A new node of this type as a palette inserts it: structurally valid, content still to fill in. */
  create(id: string): N;
  /** Every exit name this node can take, in a stable order. */
  exits(node: N): string[];
  /** Exits that must be present as keys in `exits` (null is allowed: it ends the branch on purpose). */
  requiredExits(node: N): string[];
  /** True when reaching this node suspends the step until the user or an external result answers. */
  waits(node: N): boolean;
  /** Node-specific rules (channel limits, field combinations). Never throws. */
  lint(node: N, ctx: LintContext): ValidationIssue[];
  references(node: N): NodeReferences;
  /** One line for canvases, diffs and the CLI. */
  summary(node: N): string;
}

export type NodeDefinitionMap = { [T in NodeType]: NodeDefinition<Extract<FlowNode, { type: T }>> };
