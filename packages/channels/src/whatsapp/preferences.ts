/**
 * Meta's `user_preferences` webhook: a WhatsApp user stopped or resumed marketing messages from
 * the business (in WhatsApp's own UI). Each entry becomes a MarketingPreference; other categories
 * and values are listed as ignored.
 */
import type { MarketingPreference, ParseResult } from '../types';
import { type JsonObject, childPath, describe, isObject, optArray, optObject, optString } from '../json-read';
import { unixSecondsToMs } from './message';

export const PREFERENCE_FIELD = 'user_preferences';

const VALUES: ReadonlyMap<string, MarketingPreference['value']> = new Map([
  ['stop', 'stop'],
  ['resume', 'resume'],
]);

export function parsePreferences(change: JsonObject, path: string, out: ParseResult): void {
  const valuePath = childPath(path, 'value');
  const value = optObject(change, 'value');
  if (!value) return void out.errors.push({ path: valuePath, message: `expected an object, got ${describe(change.value)}` });
  const metadata = optObject(value, 'metadata');
  const tenantKey = metadata ? optString(metadata, 'phone_number_id') : undefined;
  if (tenantKey === undefined)
    return void out.errors.push({
      path: childPath(childPath(valuePath, 'metadata'), 'phone_number_id'),
      message: 'expected the receiving phone_number_id',
    });
  const contacts = (optArray(value, 'contacts') ?? []).filter(isObject);
  const listPath = childPath(valuePath, 'user_preferences');
  const list = optArray(value, 'user_preferences');
  if (!list) return void out.errors.push({ path: listPath, message: `expected an array, got ${describe(value.user_preferences)}` });
  list.forEach((item, i) => {
    const itemPath = childPath(listPath, i);
    if (!isObject(item)) return void out.errors.push({ path: itemPath, message: `expected an object, got ${describe(item)}` });
    const waId = optString(item, 'wa_id');
    if (!waId || !/^\d{5,20}$/.test(waId))
      return void out.errors.push({
        path: childPath(itemPath, 'wa_id'),
        message: `expected the user's wa_id (digits), got ${describe(item.wa_id)}`,
      });
    const category = optString(item, 'category');
    const raw = optString(item, 'value');
    const pref = raw !== undefined ? VALUES.get(raw) : undefined;
    if (category !== 'marketing_messages' || !pref)
      return void out.ignored.push({
        path: itemPath,
        reason: `preference ${category ?? '(no category)'}=${raw ?? '(no value)'} is not handled`,
      });
    let timestamp: number;
    try {
      timestamp = unixSecondsToMs(item.timestamp, childPath(itemPath, 'timestamp'));
    } catch (err) {
      return void out.errors.push({ path: childPath(itemPath, 'timestamp'), message: (err as Error).message });
    }
    const name = contacts.find((c) => c.wa_id === waId);
    const profile = name ? optObject(name, 'profile') : undefined;
    const profileName = profile ? optString(profile, 'name') : undefined;
    const detail = optString(item, 'detail');
    out.preferences.push({
      channel: 'whatsapp',
      tenantKey,
      contact: { id: waId, phone: waId, ...(profileName ? { name: profileName } : {}) },
      category: 'marketing_messages',
      value: pref,
      timestamp,
      ...(detail ? { detail } : {}),
    });
  });
}
