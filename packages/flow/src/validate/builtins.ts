/**
 * Names a template can read besides the flow's declared variables: exactly the
 * roots the engine adds to the template scope (engine/localize.ts buildScope —
 * the incoming message, the contact, the trigger, the last route match, the
 * flow id, the session language). They shadow variables, so a flow may not
 * declare variables with these names.
 */
export const BUILTIN_SCOPE_ROOTS: readonly string[] = ['input', 'contact', 'trigger', 'route', 'flow', 'language'];

/** Entity types the understanding tiers extract on their own (see @parley/nlu EntityType). */
export const BUILTIN_ENTITY_TYPES: readonly string[] = ['number', 'money', 'email', 'phone', 'date', 'time', 'url'];
