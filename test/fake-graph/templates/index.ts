/**
 * The fake's message templates, composed for server.ts: the store, the management endpoints, the
 * review switches (with their signed webhooks), auto-approval and the send-time check.
 */
import type { GraphErrorResponse } from '../errors';
import type { Json } from '../payloads';
import type { FakeGraphOptions, WebhookDelivery } from '../types';
import { createTemplateControl, scheduleAutoApproval, type TemplateControl } from './control';
import { createTemplateRoutes, type TemplateAnswer, type TemplateRequest } from './routes';
import { checkTemplateSend } from './send-check';
import { listItem, TemplateStore, type StoredTemplate, type TemplateSeed } from './store';

export type { TemplateControl, TemplateSwitchOptions } from './control';
export type { StoredTemplate, TemplateSeed, MetaTemplateStatus } from './store';
export * from './webhooks';

/** What the FakeGraph handle exposes about templates (merged into FakeGraph). */
export interface FakeTemplates extends TemplateControl {
  /** Put a template straight into a WABA (one Meta has that git does not, say). Default status PENDING. */
  addTemplate(wabaId: string, seed: TemplateSeed): StoredTemplate;
  /** Snapshots of the templates of one WABA (or all), each with `listed`: how `GET message_templates` shows it. */
  templates(wabaId?: string): Array<StoredTemplate & { listed: Json }>;
  /** Forget every template, deleted name and upload (reset() keeps them: they are Meta's state, not the run's). */
  clearTemplates(): void;
}

export interface TemplatesModule {
  api: Omit<FakeTemplates, 'clearTemplates'>;
  handle(req: TemplateRequest): TemplateAnswer | null;
  /** For a WhatsApp send of `type: template`: Meta's refusal, or null to accept. */
  checkSend(template: Json): GraphErrorResponse | null;
  reset(): void;
}

export function createFakeTemplates(deps: {
  options: FakeGraphOptions;
  token: () => string;
  baseUrl: () => string;
  post: (payload: Json) => Promise<WebhookDelivery>;
  track: <T>(p: Promise<T>) => Promise<T>;
}): TemplatesModule {
  const { options } = deps;
  const store = new TemplateStore();
  const auto = options.autoApproveTemplates;
  const delayMs = typeof auto === 'object' ? auto.delayMs : 0;
  const routes = createTemplateRoutes({
    store,
    token: deps.token,
    baseUrl: deps.baseUrl,
    ...(options.knownIds ? { knownIds: options.knownIds } : {}),
    ...(options.templatePageSize !== undefined ? { pageSize: options.templatePageSize } : {}),
    onSubmitted: (t) => {
      if (auto) scheduleAutoApproval(t, delayMs, options.webhookUrl ? deps.post : undefined, deps.track);
    },
  });
  const control = createTemplateControl({ store, post: deps.post });
  return {
    api: {
      ...control,
      addTemplate: (wabaId, seed) => store.add(wabaId, seed),
      templates: (wabaId) =>
        (wabaId !== undefined ? store.list(wabaId) : store.all()).map((t) => ({ ...t, components: structuredClone(t.components), listed: listItem(t, undefined) })),
    },
    handle: routes.handle,
    checkSend: (template) => checkTemplateSend(template, store, options.strictTemplates ?? false),
    reset() {
      store.clear();
      routes.reset();
    },
  };
}
