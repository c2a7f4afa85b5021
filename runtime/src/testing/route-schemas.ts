/**
 * Every route of a full HTTP process (webhooks, health, metrics, admin API, its description,
 * the studio), as registered, for the check that each one declares its schemas.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { adminRoutes } from '../admin/routes';
import { serveStudio } from '../admin/studio-static';
import { buildServer } from '../app/server';
import { createMemoryStores } from '../stores';
import { createTestContext } from './context';

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: RouteOptions['schema'];
}

/**
 * Routes no schema describes, and why: the studio's built files and Swagger UI's own files are
 * static assets (@fastify/static); Swagger UI's page and its copies of the description are
 * the description's viewer, not part of the API.
 */
export const SCHEMA_EXEMPT: readonly RegExp[] = [/^\/studio\/\*$/, /^\/docs(\/.*)?$/];

export async function fullServer(): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const routes: RegisteredRoute[] = [];
  const dist = mkdtempSync(join(tmpdir(), 'parley-studio-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Parley Studio</title>');
  const ctx = createTestContext(createMemoryStores());
  const app = await buildServer(ctx, {
    ingress: true,
    plugins: [adminRoutes, (a, c) => serveStudio(a, c, dist)],
    onRoute: (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema: route.schema });
    },
  });
  await app.ready();
  return { app, routes };
}
