/**
 * Consent from what a person does, before any flow sees it: a STOP/START word, a template quick
 * reply that is an opt-out, or Meta's marketing preference. The ledger is written here, in the
 * worker (never while a webhook waits), and the person gets ONE confirmation — only when the state
 * changed — as a reply (lane 0). The keyword message is consumed: the flow does not see it.
 */
import type { ConsentSource } from '@parley/contract';
import type { InboundMessage } from '@parley/flow';
import type { MarketingConfig } from '../config/types';
import { contactKeyOf } from '../contacts/addresses';
import type { ConversationId, OutboundItem } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import { ensureContactRef } from './contact-ref';
import { baseLanguage, confirmationText, keywordCandidate, matchKeyword, type KeywordAction } from './keywords';
import { consentOf, recordConsent } from './ledger';
import { marketingRulesOf } from './rules';

export interface ConsentIntent {
  action: KeywordAction;
  source: Extract<ConsentSource, 'keyword' | 'button' | 'meta'>;
  sourceDetail: Record<string, string | number>;
  /** The words the person used or tapped. */
  wording: string;
  /** The language the words are in (for the confirmation when the contact has none). */
  language?: string;
  /** When the person did it (Meta's timestamp); default now. */
  at?: number;
}

/** What a message asks for, consent-wise, or null (most messages: no database call at all). */
export async function consentIntentOf(ctx: RuntimeContext, tenantId: string, message: InboundMessage): Promise<ConsentIntent | null> {
  const rules = marketingRulesOf(ctx, tenantId);
  if (message.kind === 'button') {
    const optOut = optOutButton(ctx, rules, message);
    if (optOut) return optOut;
  }
  if (message.kind !== 'text' || !keywordCandidate(message.text, rules)) return null;
  const hit = matchKeyword(message.text, rules, await flowLanguages(ctx, tenantId));
  if (!hit) return null;
  return { action: hit.action, source: 'keyword', sourceDetail: { keyword: hit.text }, wording: hit.text, language: hit.language };
}

/** A quick reply marked `optOut` in a template file, or whose payload or title is a STOP word. */
function optOutButton(ctx: RuntimeContext, rules: MarketingConfig, message: InboundMessage): ConsentIntent | null {
  const payload = message.choiceId ?? message.text ?? '';
  const title = message.text ?? payload;
  const marked = markedOptOutPayloads(ctx).get(payload);
  const byWord = [payload.replace(/_/g, ' '), title].some((t) => keywordCandidate(t, rules)?.action === 'opt_out');
  if (!marked && !byWord) return null;
  return {
    action: 'opt_out',
    source: 'button',
    sourceDetail: { button: title, payload, ...(marked ? { template: marked } : {}) },
    wording: title,
  };
}

/** payload → template name, for every quick reply marked optOut (rebuilt when the files change). */
const markedCache = new WeakMap<object, Map<string, string>>();
function markedOptOutPayloads(ctx: RuntimeContext): Map<string, string> {
  const files = ctx.templates?.enabled() ? ctx.templates.files() : [];
  let marked = markedCache.get(files);
  if (marked) return marked;
  marked = new Map();
  for (const { template } of files)
    for (const content of Object.values(template?.languages ?? {}))
      for (const b of content.buttons ?? []) if (b.type === 'quick_reply' && b.optOut) marked.set(b.payload ?? b.text, template!.name);
  markedCache.set(files, marked);
  return marked;
}

const LANGUAGES_TTL_MS = 5000;
const languagesCache = new WeakMap<object, Map<string, { at: number; languages: string[] }>>();

/** The languages the tenant's live flows use (cached a few seconds: the registry is hot-reloaded). */
async function flowLanguages(ctx: RuntimeContext, tenantId: string): Promise<string[]> {
  let perTenant = languagesCache.get(ctx.flows);
  if (!perTenant) languagesCache.set(ctx.flows, (perTenant = new Map()));
  const cached = perTenant.get(tenantId);
  const now = ctx.now();
  if (cached && now - cached.at < LANGUAGES_TTL_MS) return cached.languages;
  const tenant = ctx.tenants.find((t) => t.id === tenantId);
  const languages = new Set<string>();
  for (const id of tenant?.flows ?? ctx.flows.knownIds()) {
    const live = await ctx.flows.live(id);
    for (const l of live?.flow.languages ?? []) languages.add(baseLanguage(l));
  }
  perTenant.set(tenantId, { at: now, languages: [...languages] });
  return [...languages];
}

export interface AppliedConsent {
  /** False: a START word from someone who is not opted out — it is an ordinary message for the flow. */
  consumed: boolean;
  changed: boolean;
  /** The confirmation to queue (only when the state changed). */
  confirmation?: OutboundItem;
}

/**
 * Records the intent in the ledger (creating the contact row when the sync has not yet) and
 * builds the confirmation. `key` makes the confirmation's send idempotent (the inbound item's id).
 */
export async function applyConsentIntent(
  ctx: RuntimeContext,
  conv: ConversationId,
  intent: ConsentIntent,
  opts: { key: string; name?: string; causedAt?: number },
): Promise<AppliedConsent> {
  const sql = ctx.db;
  const contact = contactKeyOf(conv);
  if (!sql || !contact) return { consumed: false, changed: false };
  const now = ctx.now();
  const ref = await ensureContactRef(sql, contact, now, opts.name);
  // START is a common word: it only means "opt me back in" to someone who opted out.
  if (intent.source === 'keyword' && intent.action === 'opt_in') {
    const state = await consentOf(sql, contact.tenant, ref.id);
    if (state.marketing.status !== 'opted_out') return { consumed: false, changed: false };
  }
  const { changed } = await recordConsent(sql, {
    tenant: contact.tenant,
    contactId: ref.id,
    purpose: 'marketing',
    action: intent.action,
    channel: contact.channel,
    source: intent.source,
    sourceDetail: intent.sourceDetail,
    wording: intent.wording,
    recordedBy: 'runtime',
    at: intent.at ?? now,
  });
  ctx.log.info({ conv, action: intent.action, source: intent.source, changed }, 'marketing consent recorded');
  if (!changed) return { consumed: true, changed };
  const rules = marketingRulesOf(ctx, contact.tenant);
  const text = confirmationText(rules, intent.action, [ref.language, intent.language]);
  const confirmation: OutboundItem = {
    key: `consent:${opts.key}`,
    nodeId: '',
    lane: 0,
    attempts: 0,
    createdAt: now,
    ...(opts.causedAt !== undefined ? { causedAt: opts.causedAt } : {}),
    message: { kind: 'text', text },
  };
  return { consumed: true, changed, confirmation };
}
