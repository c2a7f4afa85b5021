/**
 * Security headers on every answer (@fastify/helmet): the studio is a single-page app served from
 * /studio, so its Content-Security-Policy allows only this origin's scripts, styles, workers and
 * API calls, and no page may frame it (clickjacking). JSON answers get the same headers: harmless
 * there, and one policy is simpler to reason about than per-route ones.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const STUDIO_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // No 'unsafe-inline', no 'unsafe-eval': the studio's ajv validators are compiled ahead of time
  // (packages/flow/src/validate/generated), so nothing builds code at run time.
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // React Flow positions nodes and edges with inline style attributes.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // The API and the simulator's Server-Sent Events are same-origin.
  'connect-src': ["'self'"],
  // The flow validator runs in a module worker loaded from /studio/assets.
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    // No upgrade-insecure-requests: a studio served over plain http on a private network would
    // have every asset request rewritten to https and fail.
    contentSecurityPolicy: { useDefaults: false, directives: STUDIO_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
  });
}
