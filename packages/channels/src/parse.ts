/**
 * `parseWebhook`: one entry point for every Meta webhook body. Never throws:
 * malformed parts are reported in `errors` with a JSON path, well-formed parts
 * we skip are listed in `ignored`, and everything else is normalized (text
 * included: lone UTF-16 surrogates become U+FFFD).
 */
import type { MetaChannel, ParseOptions, ParseResult } from './types';
import { describe, isObject } from './json-read';
import { parseWhatsApp } from './whatsapp/parse';
import { parseMessenger } from './messenger/parse';
import { repairStrings } from './wellformed';

// A Map, not an object literal: `object` is untrusted and "constructor" must not resolve to anything.
const OBJECT_TO_CHANNEL: ReadonlyMap<string, MetaChannel> = new Map([
  ['whatsapp_business_account', 'whatsapp'],
  ['page', 'messenger'],
  ['instagram', 'instagram'],
]);

export function emptyParseResult(): ParseResult {
  return { messages: [], statuses: [], ignored: [], errors: [], platformErrors: [], templateEvents: [], preferences: [] };
}

export function parseWebhook(body: unknown, options: ParseOptions = {}): ParseResult {
  const out = emptyParseResult();
  try {
    if (!isObject(body)) {
      out.errors.push({ path: '$', message: `expected a JSON object, got ${describe(body)}` });
      return out;
    }
    const object = typeof body.object === 'string' ? body.object : undefined;
    const channel = object !== undefined ? OBJECT_TO_CHANNEL.get(object) : options.channelHint;
    if (channel === undefined) {
      if (object !== undefined) out.ignored.push({ path: '$.object', reason: `webhook object "${object}" is not a messaging channel` });
      else out.errors.push({ path: '$.object', message: 'expected "whatsapp_business_account", "page" or "instagram"' });
      return out;
    }
    if (options.channelHint !== undefined && channel !== options.channelHint) {
      out.errors.push({ path: '$.object', message: `body is for ${channel} but arrived on the ${options.channelHint} endpoint` });
      return out;
    }
    if (channel === 'whatsapp') parseWhatsApp(body, out);
    else parseMessenger(body, channel, out);
  } catch (err) {
    // Defence in depth: the per-item parsers catch their own errors; this keeps the "never throws" promise absolute.
    out.errors.push({ path: '$', message: `unreadable webhook body: ${err instanceof Error ? err.message : String(err)}` });
  }
  // Lone surrogates become U+FFFD: nothing downstream (stores, flows, Graph) sees ill-formed text.
  repairStrings(out.messages);
  repairStrings(out.statuses);
  repairStrings(out.platformErrors);
  repairStrings(out.templateEvents);
  return out;
}
