/**
 * What the FakeGraph handle exposes about templates (FakeGraph extends FakeTemplates): the review
 * switches and the store. A leaf module, so types.ts can use it without an import circle.
 */
import type { WebhookDelivery } from '../delivery';
import type { Json } from '../payloads';
import type { StoredTemplate, TemplateSeed } from './store';
import type { MetaCategory, MetaQuality } from './webhooks';

export interface TemplateSwitchOptions {
  /** Only the template in this WABA (default: every WABA that has the name and language). */
  wabaId?: string;
  /** `false`: change the store without posting the webhook (a missed webhook). Default true. */
  webhook?: boolean;
}

export interface TemplateControl {
  approveTemplate(name: string, language: string, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
  /** `reason`: Meta's code (INVALID_FORMAT, ABUSIVE_CONTENT, INCORRECT_CATEGORY, …). Default INVALID_FORMAT. */
  rejectTemplate(name: string, language: string, reason?: string, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
  pauseTemplate(name: string, language: string, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
  disableTemplate(name: string, language: string, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
  reinstateTemplate(name: string, language: string, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
  setTemplateQuality(name: string, language: string, quality: MetaQuality, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
  changeTemplateCategory(name: string, language: string, category: MetaCategory, opts?: TemplateSwitchOptions): Promise<WebhookDelivery[]>;
}

export interface FakeTemplates extends TemplateControl {
  /** Put a template straight into a WABA (one Meta has that git does not, say). Default status PENDING. */
  addTemplate(wabaId: string, seed: TemplateSeed): StoredTemplate;
  /** Snapshots of the templates of one WABA (or all), each with `listed`: how `GET message_templates` shows it. */
  templates(wabaId?: string): Array<StoredTemplate & { listed: Json }>;
  /** Forget every template, deleted name and upload (reset() keeps them: they are Meta's state, not the run's). */
  clearTemplates(): void;
}
