/**
 * Serialises webhook payloads the way Meta does and signs the exact bytes.
 * Meta escapes non-ASCII as `\uXXXX` with lowercase hex (e.g. `äöå` →
 * `\u00e4\u00f6\u00e5`) and signs that escaped text, so a receiver that
 * re-serialises the parsed body computes a different signature. Implemented
 * independently of @parley/channels on purpose: the fake checks the real code.
 */
import { createHmac } from 'node:crypto';

export interface MetaJsonOptions {
  /** Old Messenger payloads also escape `/` as `\/`. */
  escapeSlashes?: boolean;
}

export function metaJson(payload: unknown, opts: MetaJsonOptions = {}): string {
  let text = JSON.stringify(payload).replace(/[\u0080-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
  if (opts.escapeSlashes) text = text.replace(/\//g, '\\/');
  return text;
}

export interface SignedWebhook {
  body: Buffer;
  /** The `X-Hub-Signature-256` header value. */
  signature: string;
}

export function buildSignedWebhook(payload: unknown, appSecret: string, opts: MetaJsonOptions = {}): SignedWebhook {
  const body = Buffer.from(metaJson(payload, opts), 'utf8');
  return { body, signature: signBytes(body, appSecret) };
}

/** The `X-Hub-Signature-256` value for exactly these bytes. */
export function signBytes(body: Buffer, appSecret: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
}
