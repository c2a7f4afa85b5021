/**
 * The fake's message templates: one list per WhatsApp Business Account, each entry one
 * (name, language) with Meta's id, upper-case status/category/quality and the components as
 * submitted. Also the names deleted recently (Meta refuses to reuse them for a while) and the
 * upload handles the resumable upload endpoint issued.
 */
import { randomInt } from 'node:crypto';
import type { Json } from '../payloads';
import type { MetaCategory, MetaQuality } from './webhooks';

export type MetaTemplateStatus =
  'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'IN_APPEAL' | 'PENDING_DELETION' | 'LIMIT_EXCEEDED' | 'ARCHIVED';

export interface StoredTemplate {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: MetaCategory;
  status: MetaTemplateStatus;
  quality: MetaQuality;
  /** Epoch seconds of the last quality change (Meta's `quality_score.date`). */
  qualityDate: number;
  /** Meta's `rejected_reason` (`NONE` unless rejected). */
  rejectedReason: string;
  parameterFormat: 'NAMED' | 'POSITIONAL';
  components: Json[];
  /** Bumped on every change: a scheduled auto-approval only applies to the version it was scheduled for. */
  revision: number;
}

/** What a test may seed directly (a template that exists at Meta but not in git, say). */
export type TemplateSeed = Pick<StoredTemplate, 'name' | 'language' | 'category' | 'components'> &
  Partial<Pick<StoredTemplate, 'id' | 'status' | 'quality' | 'rejectedReason' | 'parameterFormat'>>;

// Meta's template ids are 15–16 digit numbers; a random start keeps runs apart.
let nextId = 1_689_556_908_000_000 + randomInt(0, 1_000_000) * 100;

export class TemplateStore {
  private readonly byWaba = new Map<string, StoredTemplate[]>();
  /** `${waba}\0${name}\0${language}` of deleted templates. */
  private readonly deleted = new Set<string>();
  readonly uploadHandles = new Set<string>();

  list(wabaId: string): StoredTemplate[] {
    return this.byWaba.get(wabaId) ?? [];
  }

  all(): StoredTemplate[] {
    return [...this.byWaba.values()].flat();
  }

  find(wabaId: string, name: string, language: string): StoredTemplate | undefined {
    return this.list(wabaId).find((t) => t.name === name && t.language === language);
  }

  byId(id: string): StoredTemplate | undefined {
    return this.all().find((t) => t.id === id);
  }

  /** Matches by name and language, in one WABA or all of them. */
  match(name: string, language: string, wabaId?: string): StoredTemplate[] {
    return (wabaId !== undefined ? this.list(wabaId) : this.all()).filter((t) => t.name === name && t.language === language);
  }

  wasDeleted(wabaId: string, name: string, language: string): boolean {
    return this.deleted.has(`${wabaId}\u0000${name}\u0000${language}`);
  }

  add(wabaId: string, seed: TemplateSeed): StoredTemplate {
    const stored: StoredTemplate = {
      id: seed.id ?? String(nextId++),
      wabaId,
      name: seed.name,
      language: seed.language,
      category: seed.category,
      status: seed.status ?? 'PENDING',
      quality: seed.quality ?? 'UNKNOWN',
      qualityDate: Math.floor(Date.now() / 1000),
      rejectedReason: seed.rejectedReason ?? 'NONE',
      parameterFormat: seed.parameterFormat ?? 'POSITIONAL',
      components: seed.components,
      revision: 0,
    };
    const list = this.byWaba.get(wabaId) ?? [];
    list.push(stored);
    this.byWaba.set(wabaId, list);
    return stored;
  }

  remove(t: StoredTemplate): void {
    const list = this.list(t.wabaId);
    const i = list.indexOf(t);
    if (i >= 0) list.splice(i, 1);
    // A pending auto-approval of a deleted template must not fire.
    t.revision += 1;
    this.deleted.add(`${t.wabaId}\u0000${t.name}\u0000${t.language}`);
  }

  clear(): void {
    this.byWaba.clear();
    this.deleted.clear();
    this.uploadHandles.clear();
  }
}

/** One element of `GET /{WABA}/message_templates` `data[]`, limited to `fields` when given. */
export function listItem(t: StoredTemplate, fields: readonly string[] | undefined): Json {
  const full: Json = {
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    parameter_format: t.parameterFormat,
    components: t.components,
    quality_score: { score: t.quality, date: t.qualityDate },
    rejected_reason: t.rejectedReason,
  };
  if (!fields || fields.length === 0) return full;
  const picked: Json = {};
  for (const f of fields) if (f in full) picked[f] = full[f];
  // Graph always answers with the id.
  picked.id = t.id;
  return picked;
}
