/**
 * For unit tests of the send side (worker gate, sender re-check, publish gate): a TemplateService
 * that knows only statuses and categories set by the test, and renders named values as text
 * parameters. The real service (templates/) is exercised by the integration suites.
 */
import type { TemplateCategory, TemplateGate, TemplateLanguageState, TemplateStatus, TemplateStatusEvent } from '@parley/contract';
import type { TemplateFile } from '@parley/templates';
import type { TemplatePins, TemplateService } from '../templates/service';

export interface FakeTemplateService extends TemplateService {
  /** Sets one (tenant, template, language)'s status. */
  setStatus(tenant: string, name: string, language: string, status: TemplateStatus, category?: TemplateCategory): void;
  /** Every `gate()` call: the tenant and pins it was asked with. */
  readonly gateCalls: Array<{ tenant: string; pins: TemplatePins | undefined }>;
  /** Every `keepPins()` call. */
  readonly kept: TemplatePins[];
}

/** `files`: what `get()` and `files()` answer (flow validation at publish reads them). */
export function fakeTemplateService(opts: { enabled?: boolean; files?: TemplateFile[] } = {}): FakeTemplateService {
  const files = opts.files ?? [];
  const states = new Map<string, Record<string, TemplateLanguageState>>();
  const key = (tenant: string, name: string): string => `${tenant}/${name}`;
  const gateCalls: FakeTemplateService['gateCalls'] = [];
  const kept: TemplatePins[] = [];
  const service: FakeTemplateService = {
    gateCalls,
    kept,
    setStatus(tenant, name, language, status, category) {
      const langs = states.get(key(tenant, name)) ?? {};
      langs[language] = { status, ...(category ? { category } : {}) };
      states.set(key(tenant, name), langs);
    },
    enabled: () => opts.enabled ?? true,
    files: () => files.map((template) => ({ name: template.name, file: `${template.name}.template.json`, template, issues: [] })),
    get: (name) => files.find((f) => f.name === name),
    async states(tenant, name) {
      return { ...(states.get(key(tenant, name)) ?? {}) };
    },
    async apply(tenant: string, event: TemplateStatusEvent) {
      if (event.status) service.setStatus(tenant, event.name, event.language, event.status, event.category);
    },
    onChange: () => () => {},
    pinsFor(templates) {
      const pins: TemplatePins = {};
      for (const t of templates) (pins[t.name] ??= {})[t.language] = `hash-${t.name}-${t.language}`;
      return pins;
    },
    async keepPins(pins) {
      kept.push(pins);
    },
    async gate(tenant, pins): Promise<TemplateGate> {
      gateCalls.push({ tenant, pins });
      return {
        prepare({ name, language, values }) {
          const state = states.get(key(tenant, name))?.[language];
          if (!state) return { ok: false, reason: 'unknown_template', detail: `no template ${name} (${language})` };
          if (state.status === 'paused' || state.status === 'disabled')
            return { ok: false, reason: state.status, detail: `${name} (${language}) is ${state.status}` };
          if (state.status !== 'approved') return { ok: false, reason: 'not_approved', detail: `${name} (${language}) is ${state.status}` };
          const body = Object.entries(values).map(([param, value]) => ({ type: 'text' as const, name: param, text: String(value) }));
          const version = pins?.[name]?.[language];
          return {
            ok: true,
            message: {
              kind: 'template',
              name,
              language,
              params: { body },
              ...(state.category ? { category: state.category } : {}),
              ...(version ? { version } : {}),
            },
          };
        },
      };
    },
    async blocked(tenant, name, language) {
      const state = states.get(key(tenant, name))?.[language];
      return state && (state.status === 'paused' || state.status === 'disabled') ? state : null;
    },
  };
  return service;
}
