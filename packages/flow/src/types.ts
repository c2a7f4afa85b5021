/**
 * The flow format (spec 1.0). Shared contract between the validator, the engine,
 * the CLI, the runtime and the studio. The JSON Schema in `schemas/` is the
 * authority on structure; these types mirror it.
 */

export const SPEC_VERSION = '1.0.0';

/** Language code (ISO 639-1, optionally with region: "en", "pt-BR"). */
export type LanguageCode = string;

/**
 * Text shown to the user. A plain string is the default-language text;
 * an object maps language codes to text. May contain `{{expression}}` templates.
 */
export type LocalizedText = string | Record<LanguageCode, string>;

export type VariableType = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'list';

export interface VariableDecl {
  type: VariableType;
  default?: unknown;
  description?: string;
}

export interface IntentDecl {
  name: string;
  description?: string;
  /** Example utterances per language: train the classifier. */
  examples?: Record<LanguageCode, string[]>;
  /** Keywords / synonyms per language: the rules tier. */
  keywords?: Record<LanguageCode, string[]>;
  /** Regular expressions (JS syntax, no flags field: always case-insensitive, unicode). */
  patterns?: string[];
}

/** An entity extracted by a flow-declared pattern, e.g. order ids. */
export interface EntityDecl {
  name: string;
  pattern: string;
}

export type Trigger =
  | { type: 'keyword'; keywords: string[]; match?: 'word' | 'exact' }
  | { type: 'intent'; intent: string; minConfidence?: number }
  | { type: 'event'; event: string; params?: Record<string, VariableType> };

export interface Interrupt {
  intent: string;
  /** Node to run when the interrupt fires. */
  target: string;
  /** true: after the interrupt's branch ends, go back to the wait the user was at. */
  resume: boolean;
}

/** Durations are ISO-8601-like short strings: "30s", "15m", "2h", "1d". */
export type Duration = string;

export interface FlowSettings {
  /** After this long without a reply at a wait, run `node` (a nudge) once. */
  softTimeout?: { after: Duration; node: string };
  /** After this long without activity the session ends (status "expired"). */
  expireAfter?: Duration;
}

/** A route test: an operator name and its arguments (see operators/). */
export interface RouteTest {
  op: string;
  args?: Array<string | number | boolean>;
}

// ---------------------------------------------------------------------------
// Nodes. Every node has an id, a type and `exits`: exit name → node id.
// An absent or null exit ends that branch (for a subflow/interrupt: returns).
// ---------------------------------------------------------------------------

export type Exits = Record<string, string | null>;

interface NodeBase {
  id: string;
  /** Free-text label for the canvas. */
  label?: string;
  exits?: Exits;
}

export interface Button {
  id: string;
  title: LocalizedText;
  /** Extra words that pick this button when typed as free text. */
  synonyms?: Record<LanguageCode, string[]>;
}

export interface ListRow {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
}

export interface ListSection {
  title?: LocalizedText;
  rows: ListRow[];
}

export interface MediaRef {
  type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  url: string;
  caption?: LocalizedText;
  filename?: string;
}

/**
 * Sends text/media. With `buttons` or `list` it waits for the choice:
 * exits are one per button/row id, plus `other` (unmatched reply) and `timeout`.
 * Without them, exit `next`.
 */
export interface MessageNode extends NodeBase {
  type: 'message';
  text?: LocalizedText;
  media?: MediaRef;
  buttons?: Button[];
  list?: { button: LocalizedText; sections: ListSection[] };
  /** Store the picked button/row id in this variable. */
  saveAs?: string;
  timeout?: Duration;
}

export type AskExpect =
  | 'text' | 'number' | 'email' | 'phone' | 'date' | 'choice' | 'location' | 'media';

/** Waits for a reply, validates, stores it. Exits: next, invalid (max retries), timeout. */
export interface AskNode extends NodeBase {
  type: 'ask';
  prompt: LocalizedText;
  expect: AskExpect;
  /** For expect=choice: the choices, rendered as buttons / list by the channel. */
  choices?: Button[];
  saveAs: string;
  /** Optional extra check on the answer. */
  validate?: { test: RouteTest; message?: LocalizedText };
  retryPrompt?: LocalizedText;
  maxRetries?: number;
  timeout?: Duration;
}

export interface RouteCase {
  id: string;
  test: RouteTest;
}

/** Ordered cases, first match wins → exit named by the case id; else `default`. */
export interface RouteNode extends NodeBase {
  type: 'route';
  /** Template evaluated as the value under test; default "{{input.text}}". */
  operand?: string;
  cases: RouteCase[];
}

export interface SetNode extends NodeBase {
  type: 'set';
  assign: Array<{ variable: string; value: string }>;
}

export interface HttpNode extends NodeBase {
  type: 'http';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  retries?: number;
  /** variable ← path into the response, e.g. "body.status" or "status". */
  map?: Record<string, string>;
}

export interface TemplateNode extends NodeBase {
  type: 'template';
  name: string;
  language: LanguageCode;
  /** Parameters per component, each a template string over variables. */
  params?: { header?: string[]; body?: string[]; buttons?: string[] };
}

export interface HandoffNode extends NodeBase {
  type: 'handoff';
  queue?: string;
  message?: LocalizedText;
  reason?: string;
}

export interface SubflowNode extends NodeBase {
  type: 'subflow';
  flow: string;
  /** Parameter name in the child → template over the caller's variables. */
  params?: Record<string, string>;
  /** Caller variable ← child variable, copied on return. */
  returns?: Record<string, string>;
}

export interface WaitNode extends NodeBase {
  type: 'wait';
  duration: Duration;
}

export interface LlmNode extends NodeBase {
  type: 'llm';
  prompt: string;
  /** Variables passed as context. */
  context?: string[];
  saveAs?: string;
  fallback: LocalizedText;
  /** Send the generated text to the user (default true). */
  send?: boolean;
}

export interface EndNode extends NodeBase {
  type: 'end';
  outcome?: string;
}

export type FlowNode =
  | MessageNode | AskNode | RouteNode | SetNode | HttpNode | TemplateNode
  | HandoffNode | SubflowNode | WaitNode | LlmNode | EndNode;

export type NodeType = FlowNode['type'];

export interface Flow {
  id: string;
  name: string;
  specVersion: string;
  /** Incremented on every save; used for optimistic concurrency. */
  revision: number;
  /** Default language first. */
  languages: LanguageCode[];
  /** Id of the first node. */
  start: string;
  variables?: Record<string, VariableDecl>;
  intents?: IntentDecl[];
  entities?: EntityDecl[];
  triggers?: Trigger[];
  interrupts?: Interrupt[];
  settings?: FlowSettings;
  nodes: FlowNode[];
}

/** `flows/<id>.layout.json`: canvas only, never read by the engine. */
export interface FlowLayout {
  flowId: string;
  positions: Record<string, { x: number; y: number }>;
  notes?: Array<{ id: string; x: number; y: number; width?: number; height?: number; text: string; color?: string }>;
  viewport?: { x: number; y: number; zoom: number };
}
