/**
 * Builds the runtime's TemplateService from the context: `templatesDir` relative to the config
 * file, the status and content stores, alerts on the token-failure channel, and the Graph
 * management client per tenant (its access token; `graph.baseUrl` read at each call, so a test
 * can point it at the fake Graph API after start).
 */
import { resolve } from 'node:path';
import type { ResolvedTenant } from '../config/types';
import type { RuntimeContext } from '../platform/context';
import { createTemplateApi } from './graph-api';
import { RuntimeTemplates } from './runtime-templates';
import type { TemplateWriter } from './submit';

/** Largest media example a submit downloads (Meta's own limit for a video header is 16 MB). */
const MAX_EXAMPLE_BYTES = 16 * 1024 * 1024;

export function createRuntimeTemplates(ctx: RuntimeContext): RuntimeTemplates {
  return new RuntimeTemplates({
    dir: resolve(ctx.config.baseDir, ctx.config.templatesDir),
    baseDir: ctx.config.baseDir,
    stores: ctx.stores,
    tenants: ctx.tenants,
    alerts: ctx,
    metrics: ctx.metrics,
    api: (tenant) => templateApiFor(ctx, tenant),
    download: async (url) => {
      const res = await ctx.fetch(url, { signal: AbortSignal.timeout(ctx.config.graph.timeoutMs) });
      if (!res.ok) throw new Error(`the media example ${url} answered HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.byteLength > MAX_EXAMPLE_BYTES) throw new Error(`the media example ${url} is larger than 16 MB`);
      return { bytes, mimeType: res.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream' };
    },
  });
}

/** The Graph management client with the tenant's token; null without one. */
function templateApiFor(ctx: RuntimeContext, tenant: ResolvedTenant): TemplateWriter | null {
  if (!tenant.accessToken) return null;
  const { graph } = ctx.config;
  return createTemplateApi({ baseUrl: graph.baseUrl, version: graph.version, accessToken: tenant.accessToken, fetch: ctx.fetch });
}
