/**
 * The test's hand on Meta's review: approve, reject, pause, disable, reinstate, rate the quality of
 * or recategorize a template. Each switch updates the store AND posts the signed webhook Meta would
 * send (unless `{ webhook: false }`, which models a webhook Parley missed — the reconcile pull must
 * find the change). Also the auto-approval of created/edited templates.
 */
import type { WebhookDelivery } from '../delivery';
import type { TemplateControl, TemplateSwitchOptions } from './api';
import type { Json } from '../payloads';
import type { MetaTemplateStatus, StoredTemplate, TemplateStore } from './store';
import {
  templateCategoryWebhook,
  templateQualityWebhook,
  templateStatusWebhook,
  type MetaTemplateEvent,
  type StatusUpdateDetails,
} from './webhooks';

export interface ControlDeps {
  store: TemplateStore;
  /** Posts a signed webhook (throws when the fake has no webhookUrl). */
  post: (payload: Json) => Promise<WebhookDelivery>;
}

export function createTemplateControl({ store, post }: ControlDeps): TemplateControl {
  async function apply(
    name: string,
    language: string,
    opts: TemplateSwitchOptions,
    change: (t: StoredTemplate) => Json,
  ): Promise<WebhookDelivery[]> {
    const targets = store.match(name, language, opts.wabaId);
    if (targets.length === 0)
      throw new Error(`fake Graph API: no template "${name}" in language "${language}"${opts.wabaId ? ` in WABA ${opts.wabaId}` : ''}`);
    const payloads = targets.map((t) => {
      t.revision += 1;
      return change(t);
    });
    if (opts.webhook === false) return [];
    const deliveries: WebhookDelivery[] = [];
    for (const p of payloads) deliveries.push(await post(p));
    return deliveries;
  }

  const status =
    (next: MetaTemplateStatus, event: MetaTemplateEvent, details: (t: StoredTemplate) => StatusUpdateDetails = () => ({})) =>
    (t: StoredTemplate): Json => {
      t.status = next;
      t.rejectedReason = next === 'REJECTED' ? (details(t).reason ?? 'INVALID_FORMAT') : 'NONE';
      return templateStatusWebhook(ref(t), event, { category: t.category, ...details(t) }, { wabaId: t.wabaId });
    };

  return {
    approveTemplate: (name, language, opts = {}) => apply(name, language, opts, status('APPROVED', 'APPROVED')),
    rejectTemplate: (name, language, reason = 'INVALID_FORMAT', opts = {}) =>
      apply(
        name,
        language,
        opts,
        status('REJECTED', 'REJECTED', () => ({ reason })),
      ),
    pauseTemplate: (name, language, opts = {}) =>
      apply(
        name,
        language,
        opts,
        status('PAUSED', 'PAUSED', () => ({
          otherInfo: {
            title: 'FIRST_PAUSE',
            description: 'Your WhatsApp message template has been paused for 3 hours due to low quality.',
          },
        })),
      ),
    disableTemplate: (name, language, opts = {}) =>
      apply(
        name,
        language,
        opts,
        status('DISABLED', 'DISABLED', () => ({
          otherInfo: { title: 'DISABLED', description: 'Your WhatsApp message template has been disabled due to low quality.' },
        })),
      ),
    reinstateTemplate: (name, language, opts = {}) => apply(name, language, opts, status('APPROVED', 'REINSTATED')),
    setTemplateQuality: (name, language, quality, opts = {}) =>
      apply(name, language, opts, (t) => {
        const previous = t.quality;
        t.quality = quality;
        t.qualityDate = Math.floor(Date.now() / 1000);
        return templateQualityWebhook(ref(t), previous, quality, { wabaId: t.wabaId });
      }),
    changeTemplateCategory: (name, language, category, opts = {}) =>
      apply(name, language, opts, (t) => {
        const previous = t.category;
        t.category = category;
        return templateCategoryWebhook(ref(t), { previous, next: category }, { wabaId: t.wabaId });
      }),
  };
}

const ref = (t: StoredTemplate): { id: string; name: string; language: string } => ({ id: t.id, name: t.name, language: t.language });

/**
 * Meta's review, automated: `delayMs` after a create or edit the template is approved and the
 * APPROVED webhook posted (when the fake has a webhookUrl) — unless it changed again meanwhile.
 */
export function scheduleAutoApproval(
  t: StoredTemplate,
  delayMs: number,
  post: ((payload: Json) => Promise<WebhookDelivery>) | undefined,
  track: <T>(p: Promise<T>) => Promise<T>,
): void {
  const revision = t.revision;
  track(
    (async () => {
      await new Promise((r) => setTimeout(r, delayMs));
      if (t.revision !== revision || t.status !== 'PENDING') return;
      t.status = 'APPROVED';
      t.revision += 1;
      if (post)
        await post(templateStatusWebhook(ref(t), 'APPROVED', { category: t.category }, { wabaId: t.wabaId })).catch(() => undefined);
    })(),
  );
}
