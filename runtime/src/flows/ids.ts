/**
 * The one check for every id that reaches a file path or a store key: flow ids (files
 * `flows/<id>.flow.json`, keys `fv:<id>`, analytics keys), version numbers and event names.
 * Flow ids follow the flow schema's `flowId` pattern (`schemas/flow.schema.json`), capped at
 * 64 characters so a name always fits a file name and a key. No `.`, `/` or `\`: an id can
 * never leave the flows folder.
 */

const FLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** The flow schema's event trigger name pattern (`triggers[].event`). */
const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;

export function isFlowId(value: unknown): value is string {
  return typeof value === 'string' && FLOW_ID.test(value);
}

/** A precise message for a value that is not a flow id, or null when it is one. */
export function flowIdProblem(value: unknown, where = 'flow id'): string | null {
  if (isFlowId(value)) return null;
  const shown = typeof value === 'string' ? `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"` : `a ${value === null ? 'null' : typeof value}`;
  return `${where} ${shown} is not a flow id: 1–64 characters, letters, digits, "-" and "_", starting with a letter or digit`;
}

export function eventNameProblem(value: unknown): string | null {
  if (typeof value === 'string' && EVENT_NAME.test(value)) return null;
  return `event name ${typeof value === 'string' ? `"${value.slice(0, 80)}"` : 'missing'} is not valid: 1–100 characters, letters, digits, "_", ".", ":" and "-"`;
}

/** A published version number from a URL or body: a positive integer, or null. */
export function parseVersion(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 999_999_999 ? n : null;
}
