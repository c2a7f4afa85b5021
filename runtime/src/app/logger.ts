import { pino } from 'pino';
import type { Logger } from 'pino';

/**
 * Secrets never reach the logs: authorization headers, signatures, tokens and passwords
 * are redacted wherever they appear in a logged object.
 */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers["x-hub-signature-256"]', 'req.headers.cookie',
  'headers.authorization', 'authorization', 'password', '*.password', 'token', '*.token',
  'accessToken', '*.accessToken', 'appSecret', '*.appSecret', 'verifyToken', '*.verifyToken', 'apiKey', '*.apiKey',
];

export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const options = { level: opts.level ?? process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return opts.destination ? pino(options, opts.destination as never) : pino(options);
}
