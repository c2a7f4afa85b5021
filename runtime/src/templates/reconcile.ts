/**
 * The periodic pull: what Meta lists for a business account now, compared with what Parley knows
 * (status store over the lock), turned into the same events a webhook would have brought — so a
 * missed webhook is applied, alerted and streamed like any other. A language Parley knows by id
 * that Meta no longer lists is `deleted`.
 */
import type { TemplateLanguageState, TemplateStatusEvent } from '@parley/contract';
import { categoryFromMeta, qualityFromMeta, statusFromMeta } from '@parley/templates';
import type { MetaTemplate } from '@parley/templates';
import { eventsBetween } from './apply';

/** What the pull needs of the Graph client (runtime/src/templates/graph-api.ts). */
export interface TemplateLister {
  list(wabaId: string): Promise<MetaTemplate[]>;
}

export interface KnownLanguage {
  name: string;
  language: string;
  state: TemplateLanguageState;
}

/** The events that bring `known` in line with `remote`, and the silent fills (id, category) nothing alerts about. */
export function reconcileEvents(
  wabaId: string,
  remote: MetaTemplate[],
  known: KnownLanguage[],
  at: number,
): {
  events: TemplateStatusEvent[];
  fills: Array<{ name: string; language: string; id: string; category?: TemplateLanguageState['category'] }>;
} {
  const events: TemplateStatusEvent[] = [];
  const fills: Array<{ name: string; language: string; id: string; category?: TemplateLanguageState['category'] }> = [];
  const byKey = new Map(known.map((k) => [`${k.name}\u0000${k.language}`, k]));
  const listed = new Set<string>();
  for (const t of remote) {
    const key = `${t.name}\u0000${t.language}`;
    listed.add(key);
    const current = byKey.get(key)?.state ?? { status: 'not_submitted' as const };
    const category = categoryFromMeta(t.category);
    const reason = t.rejected_reason && t.rejected_reason.toUpperCase() !== 'NONE' ? t.rejected_reason : undefined;
    const target = {
      status: statusFromMeta(t.status),
      ...(t.quality_score !== undefined ? { quality: qualityFromMeta(t.quality_score) } : {}),
      ...(category ? { category } : {}),
      ...(reason ? { reason } : {}),
    };
    events.push(...eventsBetween({ wabaId, name: t.name, language: t.language, templateId: String(t.id), at }, current, target));
    if (current.id !== String(t.id) || (current.category === undefined && category))
      fills.push({ name: t.name, language: t.language, id: String(t.id), ...(category ? { category } : {}) });
  }
  for (const k of known) {
    const gone = !listed.has(`${k.name}\u0000${k.language}`) && k.state.id !== undefined;
    if (gone && k.state.status !== 'deleted' && k.state.status !== 'not_submitted')
      events.push({
        kind: 'status',
        wabaId,
        templateId: k.state.id!,
        name: k.name,
        language: k.language,
        status: 'deleted',
        reason: 'no longer listed by Meta',
        at,
      });
  }
  return { events, fills };
}
