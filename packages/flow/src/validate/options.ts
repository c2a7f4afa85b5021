/** Options for validateFlow: hooks that connect the validator to what lives outside the flow. */
import type { TemplateInfo } from '@parley/contract';
import type { Flow } from '../types';

export type { TemplateInfo } from '@parley/contract';

export interface ValidateOptions {
  /** Whether a flow id exists (for subflow nodes). Without it subflows are not checked. */
  knownFlows?: (id: string) => boolean;
  /**
   * The flow with this id, if it exists. With it, subflow nodes are also checked
   * against the child's declared variables (params in, returns out).
   */
  resolveFlow?: (id: string) => Flow | undefined;
  /**
   * The template with this name (from `templates/` and the lock; @parley/templates'
   * `templateInfo()` builds it), or undefined when there is none. With it template nodes are
   * checked against the template: language, approval, parameters and their types, quick
   * replies, a failure path. Without it only the generic template limits are checked.
   */
  templateInfo?: (name: string) => TemplateInfo | undefined;
  /**
   * The tenant's custom contact field keys. With it, a set node's `contact.<field>` target that is
   * neither a contact attribute (name, language, timezone, tags) nor one of these is a warning.
   */
  contactFields?: readonly string[];
}
