/**
 * Serves the studio's built files at /studio when studio/dist exists (after `npm run build -w studio`),
 * and sends a browser that opens the server's root to it.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorEnvelope } from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { sendError } from './errors';

export const STUDIO_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../studio/dist');

export async function studioRoutes(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  await serveStudio(app, ctx, STUDIO_DIST);
}

/** The studio's own files under /studio/ are static assets, described by no schema (the one documented exemption). */
const toStudio = {
  tags: ['system'],
  summary: 'Opens the studio (/studio/)',
  response: { 302: Type.Null({ description: 'Redirect to /studio/' }), 404: ErrorEnvelope },
};

/** `dist`: the folder of the built studio (tests serve their own). */
export async function serveStudio(app: FastifyInstance, ctx: RuntimeContext, dist: string): Promise<void> {
  if (!existsSync(dist)) {
    ctx.log.info('studio/dist not found: the studio is not served (build it with npm run build -w studio)');
    // Someone opening the server in a browser learns why there is nothing, instead of a bare 404.
    const notBuilt = async (_req: unknown, reply: Parameters<typeof sendError>[0]) =>
      sendError(
        reply,
        404,
        'studio_not_built',
        'The studio is not built on this server: run npm run build -w @parley/studio and restart the runtime.',
      );
    app.get('/', { schema: toStudio }, notBuilt);
    app.get('/studio', { schema: toStudio }, notBuilt);
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/studio/', index: ['index.html'] });
  app.get('/studio', { schema: toStudio }, async (_req, reply) => reply.redirect('/studio/'));
  app.get('/', { schema: toStudio }, async (_req, reply) => reply.redirect('/studio/'));
}
