/**
 * Names a template can read besides the flow's declared variables. They are
 * filled in by the engine (the incoming message, the contact, the trigger, the
 * last route/http/llm result), so a flow may not declare variables with these names.
 */
export const BUILTIN_SCOPE_ROOTS: readonly string[] = [
  'input', 'contact', 'trigger', 'route', 'http', 'llm', 'session', 'flow', 'channel', 'now',
];

/** Entity types the understanding tiers extract on their own (see @parley/nlu EntityType). */
export const BUILTIN_ENTITY_TYPES: readonly string[] = ['number', 'money', 'email', 'phone', 'date', 'time', 'url'];
