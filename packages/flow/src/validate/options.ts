/** Options for validateFlow: hooks that connect the validator to what lives outside the flow. */
import type { Flow } from '../types';

export interface TemplateInfo {
  /** Number of parameters each component of the approved template takes. */
  header?: number;
  body?: number;
  buttons?: number;
}

export interface ValidateOptions {
  /** Whether a flow id exists (for subflow nodes). Without it subflows are not checked. */
  knownFlows?: (id: string) => boolean;
  /**
   * The flow with this id, if it exists. With it, subflow nodes are also checked
   * against the child's declared variables (params in, returns out).
   */
  resolveFlow?: (id: string) => Flow | undefined;
  /**
   * The approved WhatsApp template with this name and language, or undefined if
   * there is none. Without it only the generic template limits are checked.
   */
  knownTemplates?: (name: string, language: string) => TemplateInfo | undefined;
}
