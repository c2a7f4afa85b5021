/**
 * Stable pretty-printing of flow and layout files: 2-space indent, the key
 * order of key-order.ts, nodes in array order, a trailing newline. Formatting
 * a formatted file changes nothing, and a one-word edit is a one-line diff.
 * Layout points ({ x, y }) are printed on one line, one node per line.
 */
import type { Flow, FlowLayout } from '../types';
import type { Role } from './key-order';
import { ROLES, nodeKeyOrder } from './key-order';

const INDENT = '  ';

type Entry = [string, unknown];

function orderedEntries(value: Record<string, unknown>, roleName: string | undefined): Entry[] {
  const role: Role | undefined = roleName ? ROLES[roleName] : undefined;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const order = roleName === 'node' ? nodeKeyOrder(value.type) : role?.order;
  if (!order && !role?.last) return keys.map((k) => [k, value[k]]);
  const last = role?.last ?? [];
  const listed = (order ?? []).filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k) && !last.includes(k));
  const tail = last.filter((k) => keys.includes(k));
  return [...listed, ...rest, ...tail].map((k) => [k, value[k]]);
}

function childRole(roleName: string | undefined, key: string | undefined): string | undefined {
  const role = roleName ? ROLES[roleName] : undefined;
  if (!role) return undefined;
  if (key === undefined) return role.items;
  return (role.children && Object.hasOwn(role.children, key) ? role.children[key] : undefined) ?? role.values;
}

/** Scalars as JSON; numbers that JSON cannot hold become null, like JSON.stringify. */
function scalar(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'null' : text;
}

function isInline(roleName: string | undefined): boolean {
  return roleName === 'point';
}

function write(value: unknown, roleName: string | undefined, depth: number): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  // A Map carries an explicit key order (objects put integer-like keys first).
  if (value instanceof Map) return writeEntries([...value.entries()] as Entry[], roleName, depth);
  const pad = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const itemRole = childRole(roleName, undefined);
    return `[\n${value.map((item) => pad + write(item, itemRole, depth + 1)).join(',\n')}\n${close}]`;
  }
  return writeEntries(orderedEntries(value as Record<string, unknown>, roleName), roleName, depth);
}

function writeEntries(entries: Entry[], roleName: string | undefined, depth: number): string {
  const pad = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (entries.length === 0) return '{}';
  if (isInline(roleName) && entries.every(([, v]) => v === null || typeof v !== 'object')) {
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${scalar(v)}`).join(', ')} }`;
  }
  const lines = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${write(v, childRole(roleName, k), depth + 1)}`);
  return `{\n${lines.join(',\n')}\n${close}}`;
}

/** Pretty-prints a flow in the stable format (for flows/<id>.flow.json). */
export function formatFlow(flow: Flow | Record<string, unknown>): string {
  return write(flow, 'flow', 0) + '\n';
}

/**
 * Pretty-prints a layout. Positions follow the flow's node order when the flow
 * is given (so the layout diff reads like the flow diff), else sorted by id.
 */
export function formatLayout(layout: FlowLayout, flow?: Pick<Flow, 'nodes'>): string {
  const ids = Object.keys(layout.positions ?? {});
  const rank = new Map((flow?.nodes ?? []).map((n, i) => [n.id, i]));
  ids.sort((a, b) => {
    const x = rank.get(a) ?? Infinity;
    const y = rank.get(b) ?? Infinity;
    if (x !== y) return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const positions = new Map(ids.map((id) => [id, layout.positions[id]]));
  return write({ ...layout, positions }, 'layout', 0) + '\n';
}
