/**
 * WhatsApp Cloud API envelope: `entry[] × changes[] × (messages[] | statuses[] | errors[])`.
 * Each item is normalized on its own: one bad message becomes an `errors[]`
 * entry and the rest of the batch still goes through.
 */
import type { ParseResult } from '../types';
import { type JsonObject, childPath, isObject, optArray, optObject, optString, ShapeError, describe } from '../json-read';
import { metaErrors } from './content';
import { type ChangeContext, normalizeWhatsAppMessage, unixSecondsToMs } from './message';
import { normalizeWhatsAppStatus } from './status';
import { parsePreferences, PREFERENCE_FIELD } from './preferences';
import { parseTemplateChange, TEMPLATE_FIELDS } from './templates';

export function parseWhatsApp(body: JsonObject, out: ParseResult): void {
  const entries = optArray(body, 'entry');
  if (!entries) {
    out.errors.push({ path: '$.entry', message: `expected an array of entries, got ${describe(body.entry)}` });
    return;
  }
  entries.forEach((entry, e) => {
    const entryPath = childPath('$.entry', e);
    if (!isObject(entry)) return void out.errors.push({ path: entryPath, message: `expected an object, got ${describe(entry)}` });
    const changes = optArray(entry, 'changes');
    if (!changes)
      return void out.errors.push({ path: childPath(entryPath, 'changes'), message: `expected an array, got ${describe(entry.changes)}` });
    changes.forEach((change, c) => parseChange(change, childPath(childPath(entryPath, 'changes'), c), entry, entryPath, out));
  });
}

function parseChange(change: unknown, path: string, entry: JsonObject, entryPath: string, out: ParseResult): void {
  if (!isObject(change)) return void out.errors.push({ path, message: `expected an object, got ${describe(change)}` });
  const field = optString(change, 'field');
  if (field !== undefined && TEMPLATE_FIELDS.has(field)) return parseTemplateEvent(field, change, path, entry, entryPath, out);
  if (field === PREFERENCE_FIELD) return parsePreferences(change, path, out);
  if (field !== 'messages') {
    // Account updates, phone number quality…: well-formed, not ours to handle here.
    return void out.ignored.push({ path: childPath(path, 'field'), reason: `webhook field "${field ?? '(none)'}" is not handled` });
  }
  const accountId = optString(entry, 'id');
  const valuePath = childPath(path, 'value');
  const value = optObject(change, 'value');
  if (!value) return void out.errors.push({ path: valuePath, message: `expected an object, got ${describe(change.value)}` });
  const metadata = optObject(value, 'metadata');
  const tenantKey = metadata ? optString(metadata, 'phone_number_id') : undefined;
  if (tenantKey === undefined) {
    return void out.errors.push({
      path: childPath(childPath(valuePath, 'metadata'), 'phone_number_id'),
      message: 'expected the receiving phone_number_id',
    });
  }
  const ctx: ChangeContext = { tenantKey, contacts: (optArray(value, 'contacts') ?? []).filter(isObject) };
  if (accountId !== undefined) ctx.accountId = accountId;

  eachItem(value, 'messages', valuePath, out, (item, itemPath) => out.messages.push(normalizeWhatsAppMessage(item, itemPath, ctx)));
  eachItem(value, 'statuses', valuePath, out, (item, itemPath) => out.statuses.push(normalizeWhatsAppStatus(item, itemPath, tenantKey)));
  for (const err of metaErrors(value.errors) ?? []) {
    out.platformErrors.push({ ...err, channel: 'whatsapp', tenantKey, path: childPath(valuePath, 'errors') });
  }
  if (value.messages === undefined && value.statuses === undefined && value.errors === undefined) {
    out.ignored.push({ path: valuePath, reason: 'change carries no messages, statuses or errors' });
  }
}

/** A template status, quality or category change: one TemplateStatusEvent, or the reason it is skipped. */
function parseTemplateEvent(field: string, change: JsonObject, path: string, entry: JsonObject, entryPath: string, out: ParseResult): void {
  const valuePath = childPath(path, 'value');
  const value = optObject(change, 'value');
  if (!value) return void out.errors.push({ path: valuePath, message: `expected an object, got ${describe(change.value)}` });
  const wabaId = optString(entry, 'id');
  if (wabaId === undefined)
    return void out.errors.push({
      path: childPath(entryPath, 'id'),
      message: 'expected the WhatsApp Business Account id of a template change',
    });
  try {
    const at = unixSecondsToMs(entry.time, childPath(entryPath, 'time'));
    const result = parseTemplateChange(field, value, valuePath, { wabaId, at });
    if ('event' in result) out.templateEvents.push(result.event);
    else out.ignored.push({ path: childPath(valuePath, 'event'), reason: result.ignored });
  } catch (err) {
    if (err instanceof ShapeError) out.errors.push({ path: err.path, message: err.message });
    else out.errors.push({ path: valuePath, message: `could not read this change: ${err instanceof Error ? err.message : String(err)}` });
  }
}

function eachItem(
  value: JsonObject,
  key: string,
  valuePath: string,
  out: ParseResult,
  handle: (item: JsonObject, path: string) => void,
): void {
  if (value[key] === undefined) return;
  const listPath = childPath(valuePath, key);
  const list = optArray(value, key);
  if (!list) return void out.errors.push({ path: listPath, message: `expected an array, got ${describe(value[key])}` });
  list.forEach((item, i) => {
    const itemPath = childPath(listPath, i);
    if (!isObject(item)) return void out.errors.push({ path: itemPath, message: `expected an object, got ${describe(item)}` });
    try {
      handle(item, itemPath);
    } catch (err) {
      if (err instanceof ShapeError) out.errors.push({ path: err.path, message: err.message });
      else out.errors.push({ path: itemPath, message: `could not read this item: ${err instanceof Error ? err.message : String(err)}` });
    }
  });
}
