/** Options for validateFlow: hooks that connect the validator to what lives outside the flow. */
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
   * The approved WhatsApp template with this name and language, or undefined if
   * there is none. Without it only the generic template limits are checked.
   */
  knownTemplates?: (name: string, language: string) => TemplateInfo | undefined;
}
