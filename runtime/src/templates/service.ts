/**
 * The runtime's view of message templates, one instance on `ctx.templates` (built in app/).
 * Owned by `runtime/src/templates/`: the files of `templatesDir` and the lock (hot-reloaded like
 * flows), the live status store (memory or Redis) that Meta's `message_templates` webhooks and the
 * periodic reconcile write, and the content store that keeps each pinned version's content.
 */
import type { TemplateGate, TemplateLanguageState, TemplateStatusEvent } from '@parley/contract';
import type { TemplateFile, TemplateIssue } from '@parley/templates';

/** (template name → language → content hash), recorded on a flow version when it is published. */
export type TemplatePins = Record<string, Record<string, string>>;

export interface TemplateService {
  /** False when no templates directory is configured or it is empty: template nodes then send as before, unchecked. */
  enabled(): boolean;
  /** Every template file (valid ones parsed), with its issues. */
  files(): Array<{ name: string; file: string; template?: TemplateFile; issues: TemplateIssue[] }>;
  /** One template file by name. */
  get(name: string): TemplateFile | undefined;
  /** Live state of each language: the status store first, the lock file as the starting point. */
  states(tenant: string, name: string): Promise<Record<string, TemplateLanguageState>>;
  /** Apply a status/quality/category change (webhook or reconcile): store it, alert when it matters, notify listeners. */
  apply(tenant: string, event: TemplateStatusEvent): Promise<void>;
  /** Subscribe to applied changes (the studio's live status stream). Returns the unsubscribe. */
  onChange(listener: (tenant: string, event: TemplateStatusEvent) => void): () => void;
  /** The pins for the templates a flow can send, in the languages it uses, from the files now. */
  pinsFor(templates: Array<{ name: string; language: string }>): TemplatePins;
  /** Keep the content of these pins so a session can render them after the file changes. */
  keepPins(pins: TemplatePins): Promise<void>;
  /**
   * The engine's gate for one step of a session: renders with the pinned content (the file's when
   * the flow has no pin) and refuses what is not approved, or paused/disabled now. Statuses come from
   * an in-process cache the changes above keep fresh, so the gate itself is synchronous.
   */
  gate(tenant: string, pins: TemplatePins | undefined): Promise<TemplateGate>;
  /** The send plane's last check: is (name, language) paused or disabled right now? */
  blocked(tenant: string, name: string, language: string): Promise<TemplateLanguageState | null>;
}
