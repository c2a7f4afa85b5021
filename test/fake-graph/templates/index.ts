/**
 * The fake's message templates, composed for server.ts: the store, the management endpoints, the
 * review switches (with their signed webhooks), auto-approval and the send-time check.
 */
import type { GraphErrorResponse } from '../errors';
import type { Json } from '../payloads';
import type { WebhookDelivery } from '../delivery';
import type { FakeGraphOptions } from '../types';
import type { FakeTemplates } from './api';
import { createTemplateControl, scheduleAutoApproval } from './control';
import { createTemplateRoutes, type TemplateAnswer, type TemplateRequest } from './routes';
import { checkTemplateSend } from './send-check';
import { listItem, TemplateStore } from './store';

export * from './webhooks';

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
        (wabaId !== undefined ? store.list(wabaId) : store.all()).map((t) => ({
          ...t,
          components: structuredClone(t.components),
          listed: listItem(t, undefined),
        })),
    },
    handle: routes.handle,
    checkSend: (template) => checkTemplateSend(template, store, options.strictTemplates ?? false),
    reset() {
      store.clear();
      routes.reset();
    },
  };
}
