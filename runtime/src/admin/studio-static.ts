/** Serves the studio's built files at /studio when studio/dist exists (after `npm run build -w studio`). */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { RuntimeContext } from '../app/context';

export const STUDIO_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../studio/dist');

export async function studioRoutes(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  if (!existsSync(STUDIO_DIST)) {
    ctx.log.info('studio/dist not found: the studio is not served (build it with npm run build -w studio)');
    return;
  }
  await app.register(fastifyStatic, { root: STUDIO_DIST, prefix: '/studio/', index: ['index.html'] });
  app.get('/studio', async (_req, reply) => reply.redirect('/studio/'));
}
