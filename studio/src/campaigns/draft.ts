/**
 * The campaign form's state and its checks, kept apart from React: the form holds what the inputs
 * show (strings, so a half-typed number is not lost), `validateDraft` says in plain words what is
 * wrong and where, and `bodyFromDraft` builds the API body only from a draft without errors.
 */
import type { Campaign, CampaignGoal, CampaignSchedule, CampaignVariant } from '@parley/contract';
import type { CampaignBody, FlowSummary, TemplateSummary } from '@parley/contract/api';

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const VARIANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MAX_VARIANTS = 10;

export interface VariantDraft {
  id: string;
  kind: 'flow' | 'template';
  flow: string;
  template: string;
  /** '' = the contact's language when the template has it. */
  language: string;
  values: Record<string, string>;
  weight: string;
}

export interface ScheduleDraft {
  type: CampaignSchedule['type'];
  /** datetime-local value, YYYY-MM-DDTHH:mm */
  at: string;
  /** 'contact': each contact's own time zone; 'fixed': `timezone`. */
  zone: 'contact' | 'fixed';
  timezone: string;
  every: 'day' | 'week';
  time: string;
  weekday: string;
  until: string;
}

export interface GoalDraft {
  kind: 'none' | 'event' | 'node';
  event: string;
  flow: string;
  node: string;
  windowDays: string;
}

export interface CampaignDraft {
  id: string;
  name: string;
  segment: string;
  variants: VariantDraft[];
  schedule: ScheduleDraft;
  /** 1–100 */
  ratePercent: number;
  goal: GoalDraft;
  /** datetime-local value or '' */
  endsAt: string;
}

/** One problem: the field it belongs to (e.g. `variants.1.weight`) and what to do. */
export interface DraftProblem {
  field: string;
  message: string;
}

export interface DraftContext {
  flows: FlowSummary[] | null;
  templates: TemplateSummary[] | null;
  /** Ids already taken (a new campaign only). */
  takenIds?: string[];
  now: number;
}

export function newVariant(index: number): VariantDraft {
  return { id: String.fromCharCode(97 + index), kind: 'template', flow: '', template: '', language: '', values: {}, weight: '1' };
}

export function newDraft(browserZone = localZone()): CampaignDraft {
  return {
    id: '',
    name: '',
    segment: '',
    variants: [newVariant(0)],
    schedule: { type: 'now', at: '', zone: 'contact', timezone: browserZone, every: 'day', time: '10:00', weekday: '1', until: '' },
    ratePercent: 50,
    goal: { kind: 'none', event: '', flow: '', node: '', windowDays: '7' },
    endsAt: '',
  };
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function draftFromCampaign(c: Campaign): CampaignDraft {
  const base = newDraft();
  const s = c.schedule;
  const schedule: ScheduleDraft =
    s.type === 'now'
      ? base.schedule
      : s.type === 'at'
        ? { ...base.schedule, type: 'at', at: s.at, ...zoneOf(s.timezone) }
        : {
            ...base.schedule,
            type: 'recurring',
            every: s.every,
            time: s.time,
            weekday: String(s.weekday ?? 1),
            until: s.until ?? '',
            ...zoneOf(s.timezone),
          };
  return {
    id: c.id,
    name: c.name,
    segment: c.segment ?? '',
    variants: c.variants.map((v) => ({
      id: v.id,
      kind: v.template ? 'template' : 'flow',
      flow: v.flow ?? '',
      template: v.template?.name ?? '',
      language: v.template?.language ?? '',
      values: { ...(v.template?.values ?? {}) },
      weight: String(v.weight),
    })),
    schedule,
    ratePercent: Math.round(c.rateShare * 100),
    goal: c.goal
      ? {
          kind: c.goal.event ? 'event' : c.goal.node ? 'node' : 'none',
          event: c.goal.event ?? '',
          flow: c.goal.flow ?? '',
          node: c.goal.node ?? '',
          windowDays: String(c.goal.windowDays),
        }
      : base.goal,
    endsAt: c.endsAt ? toLocalInput(c.endsAt) : '',
  };
}

function zoneOf(timezone: string): Pick<ScheduleDraft, 'zone' | 'timezone'> {
  return timezone === 'contact' ? { zone: 'contact', timezone: localZone() } : { zone: 'fixed', timezone };
}

/** Each variant's share of the audience in whole percent (weights that are not numbers count 0). */
export function variantShares(variants: VariantDraft[]): number[] {
  const weights = variants.map((v) => weightOf(v.weight) ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 ? Math.round((w / total) * 1000) / 10 : 0));
}

function weightOf(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n <= 1000 ? n : null;
}

function isValidZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The languages of a template WhatsApp approved. */
export function approvedLanguages(t: TemplateSummary): string[] {
  return t.languages.filter((l) => l.status === 'approved').map((l) => l.language);
}

export function validateDraft(d: CampaignDraft, ctx: DraftContext): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!d.name.trim()) add('name', 'Give the campaign a name.');
  else if (d.name.trim().length > 120) add('name', 'Keep the name to 120 characters.');
  if (!ID_PATTERN.test(d.id))
    add('id', 'Use lowercase letters, digits, - and _ (up to 64), starting with a letter or digit, e.g. spring-sale.');
  else if (ctx.takenIds?.includes(d.id)) add('id', `There is already a campaign with the id ${d.id}.`);
  if (!d.segment) add('segment', 'Choose the segment to send to.');
  validateVariants(d.variants, ctx, add);
  validateSchedule(d.schedule, ctx.now, add);
  if (!(d.ratePercent >= 1 && d.ratePercent <= 100)) add('ratePercent', 'The rate share is between 1 % and 100 %.');
  validateGoal(d.goal, add);
  if (d.endsAt) {
    const ends = fromLocalInput(d.endsAt);
    if (ends === null) add('endsAt', 'Enter the end as a date and time.');
    else if (ends <= ctx.now) add('endsAt', 'The end date has to be in the future.');
    else if (d.schedule.type === 'at' && d.schedule.zone === 'fixed' && d.schedule.at && ends <= (fromLocalInput(d.schedule.at) ?? 0))
      add('endsAt', 'The campaign would end before it starts.');
  }
  return problems;
}

type Add = (field: string, message: string) => void;

function validateVariants(variants: VariantDraft[], ctx: DraftContext, add: Add): void {
  if (variants.length === 0) add('variants', 'Add at least one variant.');
  if (variants.length > MAX_VARIANTS) add('variants', `At most ${MAX_VARIANTS} variants.`);
  const seen = new Set<string>();
  let total = 0;
  variants.forEach((v, i) => {
    const at = `variants.${i}`;
    const label = `Variant ${v.id || i + 1}`;
    if (!VARIANT_ID_PATTERN.test(v.id)) add(`${at}.id`, `${label}: use lowercase letters, digits, - and _ (up to 32).`);
    else if (seen.has(v.id)) add(`${at}.id`, `Two variants are called ${v.id}.`);
    seen.add(v.id);
    const weight = weightOf(v.weight);
    if (weight === null) add(`${at}.weight`, `${label}: the weight is a whole number from 0 to 1000.`);
    else total += weight;
    if (v.kind === 'flow') {
      if (!v.flow) add(`${at}.flow`, `${label}: choose the flow to start.`);
      else {
        const flow = ctx.flows?.find((f) => f.id === v.flow);
        if (ctx.flows && !flow) add(`${at}.flow`, `${label}: the flow ${v.flow} does not exist any more.`);
        else if (flow && flow.publishedVersion === null) add(`${at}.flow`, `${label}: publish the flow ${flow.name} first.`);
      }
    } else validateTemplateVariant(v, at, label, ctx, add);
  });
  if (variants.length > 0 && total === 0 && variants.every((v) => weightOf(v.weight) !== null))
    add('variants', 'At least one variant needs a weight above 0.');
}

function validateTemplateVariant(v: VariantDraft, at: string, label: string, ctx: DraftContext, add: Add): void {
  if (!v.template) return add(`${at}.template`, `${label}: choose the template to send.`);
  const t = ctx.templates?.find((x) => x.name === v.template);
  if (!ctx.templates) return;
  if (!t) return add(`${at}.template`, `${label}: the template ${v.template} does not exist any more.`);
  const approved = approvedLanguages(t);
  if (v.language && !approved.includes(v.language))
    add(`${at}.language`, `${label}: WhatsApp has not approved ${t.name} in ${v.language}.`);
  else if (!approved.length) add(`${at}.template`, `${label}: WhatsApp has not approved ${t.name} in any language yet.`);
  for (const [name, p] of Object.entries(t.parameters))
    if (!p.optional && !(v.values[name] ?? '').trim())
      add(`${at}.values.${name}`, `${label}: fill in ${name} (a value or {{contact.name}}).`);
}

function validateSchedule(s: ScheduleDraft, now: number, add: Add): void {
  if (s.type !== 'now' && s.zone === 'fixed' && !isValidZone(s.timezone))
    add('schedule.timezone', `“${s.timezone}” is not a time zone; use a name like Europe/Madrid or America/Sao_Paulo.`);
  if (s.type === 'at') {
    const at = fromLocalInput(s.at);
    if (at === null) add('schedule.at', 'Choose the date and time to send.');
    // In the contacts' own zones the moment differs per contact; a day of slack covers every zone.
    else if (at < now - (s.zone === 'contact' ? 86_400_000 : 60_000)) add('schedule.at', 'That time has passed; choose a time to come.');
  }
  if (s.type === 'recurring') {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.time)) add('schedule.time', 'Enter the time as HH:mm, e.g. 09:30.');
    if (s.every === 'week' && !/^[0-6]$/.test(s.weekday)) add('schedule.weekday', 'Choose the day of the week.');
    if (s.until && !/^\d{4}-\d{2}-\d{2}$/.test(s.until)) add('schedule.until', 'Enter the last day as a date.');
  }
}

function validateGoal(g: GoalDraft, add: Add): void {
  if (g.kind === 'none') return;
  if (g.kind === 'event' && !g.event.trim()) add('goal.event', 'Name the event that counts as a conversion, e.g. order.placed.');
  if (g.kind === 'node') {
    if (!g.flow) add('goal.flow', 'Choose the flow of the goal step.');
    if (!g.node) add('goal.node', 'Choose the step that counts as a conversion.');
  }
  const days = Number(g.windowDays);
  if (!Number.isInteger(days) || days < 1 || days > 90) add('goal.windowDays', 'Count conversions within 1 to 90 days of the send.');
}

/** The API body; call only when validateDraft found nothing. */
export function bodyFromDraft(d: CampaignDraft): CampaignBody {
  const variants: CampaignVariant[] = d.variants.map((v) => {
    const weight = weightOf(v.weight) ?? 0;
    if (v.kind === 'flow') return { id: v.id, weight, flow: v.flow };
    const values = Object.fromEntries(Object.entries(v.values).filter(([, value]) => value.trim() !== ''));
    return {
      id: v.id,
      weight,
      template: { name: v.template, ...(v.language ? { language: v.language } : {}), ...(Object.keys(values).length ? { values } : {}) },
    };
  });
  const goal: CampaignGoal | undefined =
    d.goal.kind === 'none'
      ? undefined
      : d.goal.kind === 'event'
        ? { event: d.goal.event.trim(), windowDays: Number(d.goal.windowDays) }
        : { flow: d.goal.flow, node: d.goal.node, windowDays: Number(d.goal.windowDays) };
  const endsAt = d.endsAt ? fromLocalInput(d.endsAt) : null;
  return {
    id: d.id,
    name: d.name.trim(),
    segment: d.segment,
    schedule: scheduleOf(d.schedule),
    rateShare: d.ratePercent / 100,
    variants,
    ...(goal ? { goal } : {}),
    ...(endsAt !== null ? { endsAt } : {}),
  };
}

function scheduleOf(s: ScheduleDraft): CampaignSchedule {
  const timezone = s.zone === 'contact' ? 'contact' : s.timezone.trim();
  if (s.type === 'now') return { type: 'now' };
  if (s.type === 'at') return { type: 'at', at: s.at, timezone };
  return {
    type: 'recurring',
    every: s.every,
    time: s.time,
    timezone,
    ...(s.every === 'week' ? { weekday: Number(s.weekday) } : {}),
    ...(s.until ? { until: s.until } : {}),
  };
}

/** A datetime-local value read in the browser's zone → ms; null when it is not one. */
function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A suggested id from the name: "Spring sale 2026" → spring-sale-2026. */
export function idFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
