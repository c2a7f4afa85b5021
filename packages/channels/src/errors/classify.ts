/**
 * Turns a failed Graph API call (or a `failed` delivery status) into what the
 * send plane should do next: retry with backoff, switch to a template, pause
 * the tenant, or dead-letter the message.
 */
import type { MetaErrorDetail } from '../types';
import { isObject, optNumber, optObject, optString } from '../json-read';
import {
  CODE_RULES,
  HTTP_RULES,
  SUBCODE_RULES,
  type CodeRule,
  type GraphErrorAction,
  type GraphErrorKind,
  type GraphErrorScope,
} from './codes';

export interface GraphFailure {
  httpStatus?: number;
  /** The parsed response body (Meta's `{ error: {...} }`), if any. */
  body?: unknown;
  /** Set when no HTTP response arrived (connection refused, reset, timeout). */
  networkError?: string | Error;
  /** Response headers (lower-case names); `retry-after` is honoured. */
  headers?: Record<string, string | string[] | undefined>;
}

export interface GraphErrorClass {
  kind: GraphErrorKind;
  action: GraphErrorAction;
  scope: GraphErrorScope;
  code?: number;
  subcode?: number;
  /** First backoff to use for retryable errors (Retry-After wins when present). */
  retryAfterMs?: number;
  message: string;
}

export function classifyGraphError(failure: GraphFailure): GraphErrorClass {
  if (failure.networkError !== undefined) {
    const detail = failure.networkError instanceof Error ? failure.networkError.message : failure.networkError;
    return fromRule(HTTP_RULES.network, undefined, undefined, `${HTTP_RULES.network.meaning}: ${detail}`, failure);
  }
  const error = isObject(failure.body) ? optObject(failure.body, 'error') : undefined;
  const code = error ? optNumber(error, 'code') : undefined;
  const subcode = error ? optNumber(error, 'error_subcode') : undefined;
  const metaMessage = error ? optString(error, 'message') : undefined;
  if (code !== undefined) {
    const rule =
      ruleFor(code, subcode) ??
      (error?.is_transient === true ? HTTP_RULES.serverError : undefined) ??
      statusRule(failure.httpStatus) ??
      HTTP_RULES.permanent;
    return fromRule(rule, code, subcode, metaMessage ?? rule.meaning, failure);
  }
  const rule = statusRule(failure.httpStatus) ?? HTTP_RULES.permanent;
  const status = failure.httpStatus !== undefined ? `HTTP ${failure.httpStatus}` : 'no HTTP status';
  return fromRule(rule, undefined, undefined, metaMessage ?? `${rule.meaning} (${status})`, failure);
}

/**
 * A `failed` status webhook (WhatsApp) arrives after the send was accepted:
 * classify its first error. 131047 here means the window had closed, so the
 * message should be re-sent as the node's template.
 */
export function classifyStatusErrors(errors: MetaErrorDetail[]): GraphErrorClass {
  const first = errors[0];
  if (!first) return { ...HTTP_RULES.permanent, message: 'delivery failed without an error code' } as GraphErrorClass;
  const rule = ruleFor(first.code, undefined);
  // A failed status is never an HTTP-level problem: unknown codes are permanent for that message.
  const chosen = rule ?? HTTP_RULES.permanent;
  return compactClass({
    kind: chosen.kind,
    action: chosen.action,
    scope: chosen.scope,
    code: first.code,
    retryAfterMs: chosen.kind === 'retryable' ? chosen.backoffMs : undefined,
    message: first.details ?? first.message ?? first.title ?? chosen.meaning,
  });
}

function ruleFor(code: number, subcode: number | undefined): CodeRule | undefined {
  if (subcode !== undefined) {
    const bySub = SUBCODE_RULES.get(`${code}/${subcode}`);
    if (bySub) return bySub;
  }
  return CODE_RULES.get(code);
}

function statusRule(status: number | undefined): CodeRule | undefined {
  if (status === undefined) return undefined;
  if (status === 401) return HTTP_RULES.unauthorized;
  if (status === 429) return HTTP_RULES.tooMany;
  if (status >= 500 && status <= 599) return HTTP_RULES.serverError;
  return undefined;
}

function fromRule(
  rule: CodeRule,
  code: number | undefined,
  subcode: number | undefined,
  message: string,
  failure: GraphFailure,
): GraphErrorClass {
  const retryAfter = rule.kind === 'retryable' ? (retryAfterHeader(failure.headers) ?? rule.backoffMs) : undefined;
  return compactClass({ kind: rule.kind, action: rule.action, scope: rule.scope, code, subcode, retryAfterMs: retryAfter, message });
}

/** `Retry-After` in seconds (Meta sends seconds; HTTP dates are also accepted). */
function retryAfterHeader(headers: GraphFailure['headers']): number | undefined {
  const raw = headers?.['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function compactClass(c: GraphErrorClass): GraphErrorClass {
  for (const key of Object.keys(c) as Array<keyof GraphErrorClass>) if (c[key] === undefined) delete c[key];
  return c;
}
