/**
 * The analytics counter protocol: one Redis hash per flow and day (`analyticsKey`), one field per counter
 * (`counterKey`). The worker writes the fields, the ops API reads them back; both go through this module.
 *
 * Field layout (stored data — keep it stable): `start`, `end`, `error`, `visit:<node>`, `handoff:<node>`,
 * `exit:<node>:<exit>` and `<analytics event name>[:<node>]`. Node ids may contain ':' (flow identifiers
 * allow it), so the node part escapes ':' and '%' as '%3A' / '%25'; ids without them (all ids in stored
 * data so far) are written exactly as before. The exit name is last, so it is not escaped.
 */

export type CounterKey =
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'error' }
  | { kind: 'visit'; node: string }
  | { kind: 'handoff'; node: string }
  | { kind: 'exit'; node: string; exit: string }
  /** Any other analytics event (misunderstood, interrupt, expression.error …), optionally at a node. */
  | { kind: 'event'; name: string; node?: string };

/** The exit a `node.exit` without a named exit took. */
export const DEFAULT_EXIT = 'next';

/**
 * The Redis hash holding one flow's counters for the UTC day of `now`. With `campaign`: the same
 * counters of the sessions that campaign started only (a separate hash per flow, campaign and day;
 * the flow's own hash counts them too), so a campaign's funnel is the analytics overlay narrowed.
 */
export function analyticsKey(flowId: string, now: number, campaign?: string): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return campaign === undefined ? `analytics:${flowId}:${day}` : `analytics:${flowId}:campaign:${campaign}:${day}`;
}

const escapeNode = (node: string): string => node.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
const unescapeNode = (part: string): string => part.replace(/%(25|3A)/g, (_, code: string) => (code === '25' ? '%' : ':'));

export function counterKey(counter: CounterKey): string {
  switch (counter.kind) {
    case 'start':
    case 'end':
    case 'error':
      return counter.kind;
    case 'visit':
    case 'handoff':
      return `${counter.kind}:${escapeNode(counter.node)}`;
    case 'exit':
      return `exit:${escapeNode(counter.node)}:${counter.exit}`;
    case 'event':
      return counter.node === undefined ? counter.name : `${counter.name}:${escapeNode(counter.node)}`;
  }
}

/** Reads a stored counter field back; an empty node id (a malformed field) gives null. */
export function parseCounterKey(field: string): CounterKey | null {
  const colon = field.indexOf(':');
  const head = colon < 0 ? field : field.slice(0, colon);
  const rest = colon < 0 ? undefined : field.slice(colon + 1);
  if (rest === undefined) {
    if (head === 'start' || head === 'end' || head === 'error') return { kind: head };
    return head ? { kind: 'event', name: head } : null;
  }
  if (head === 'exit') {
    // The node part has no raw ':' (escaped), so the first ':' ends it; an exit-less field counts as the default exit.
    const split = rest.indexOf(':');
    const node = unescapeNode(split < 0 ? rest : rest.slice(0, split));
    const exit = split < 0 ? '' : rest.slice(split + 1);
    return node ? { kind: 'exit', node, exit: exit || DEFAULT_EXIT } : null;
  }
  const node = unescapeNode(rest);
  if (!node) return null;
  if (head === 'visit' || head === 'handoff') return { kind: head, node };
  return head ? { kind: 'event', name: head, node } : null;
}
