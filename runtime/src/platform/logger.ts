import { pino } from 'pino';
import type { Logger } from 'pino';
import { cutAtGrapheme } from '@parley/flow';

/**
 * Secrets never reach the logs: authorization headers, signatures, tokens and passwords
 * are redacted wherever they appear in a logged object.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'appSecret',
  '*.appSecret',
  'verifyToken',
  '*.verifyToken',
  'apiKey',
  '*.apiKey',
];

/** Longer messages and stacks are cut: one log line must stay readable (and bounded) whatever failed. */
const MAX_LOGGED_TEXT = 1000;
const MAX_DEPTH = 4;

/**
 * Errors as pino logs them, minus the data they carry. ioredis errors hold the failed command's
 * arguments (`command.args`: phone numbers, names, session variables, whole inbox items — up to
 * many KB), and a cluster error holds the node errors that hold theirs: only the command name is
 * kept. Any error under `err` or `error`, at any depth, is treated the same way.
 */
function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return scrub(pino.stdSerializers.err(value), 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string')
    return value.length > MAX_LOGGED_TEXT ? `${cutAtGrapheme(value, MAX_LOGGED_TEXT)}… [${value.length} chars]` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 10).map((v) => scrub(v instanceof Error ? pino.stdSerializers.err(v) : v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'args' || key === 'argv') out[key] = Array.isArray(v) ? `[${v.length} arguments not logged]` : '[not logged]';
    else if (key === 'command' && typeof v === 'object' && v !== null) out[key] = { name: (v as { name?: unknown }).name };
    else out[key] = scrub(v instanceof Error ? pino.stdSerializers.err(v) : v, depth + 1);
  }
  return out;
}

/** `level`: the resolved config's logLevel (LOG_LEVEL is read by the config loader, not here). */
export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const options = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  return opts.destination ? pino(options, opts.destination as never) : pino(options);
}
