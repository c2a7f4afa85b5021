/**
 * compileRenderer: one template language precompiled into a render of send-time parameters —
 * converters and Intl formatters built once, fallbacks converted once, the output shape fixed —
 * so a send only looks values up, converts them and builds the params (≥ 100,000 renders/s per
 * core, see bench/). render never throws: a value it cannot send is a `missing_parameter` or an
 * `invalid_parameter` with a sentence naming the parameter.
 */
import type { TemplateCategory, TemplateMessage, TemplateParam } from '@parley/contract';
import { compileConverter, isEmptyValue, type Converted, type Converter } from '../convert';
import { languageHash } from '../hash';
import type { TemplateFile } from '../types';
import { parameterUses, type ParameterPlace } from '../usage';

export type RenderResult =
  { ok: true; params: TemplateMessage['params'] } | { ok: false; reason: 'missing_parameter' | 'invalid_parameter'; detail: string };

export interface TemplateRenderer {
  readonly name: string;
  readonly language: string;
  readonly category: TemplateCategory;
  /** languageHash of the content rendered (the pin). */
  readonly hash: string;
  render(values: Record<string, unknown>): RenderResult;
}

interface Slot {
  name: string;
  convert: Converter;
  fallback?: Converted & { ok: true };
}

type Output =
  | { at: 'header_text' | 'body'; slot: number; named: boolean }
  | { at: 'header_media'; slot: number; mediaType: 'image' | 'video' | 'document' }
  | { at: 'header_location'; slot: number }
  | { at: 'url' | 'coupon'; slot: number; index: number }
  | { at: 'payload'; payload: string; index: number }
  /** Authentication: the code goes in the body and in the OTP button (Meta's url sub-type, index 0). */
  | { at: 'otp'; slot: number };

function compileSlots(t: TemplateFile, language: string): { slots: Slot[]; outputs: Output[] } {
  const content = t.languages[language]!;
  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  const slotFor = (name: string, place: ParameterPlace): number => {
    const key = `${name}|${place === 'url_suffix' || place === 'copy_code' ? place : 'text'}`;
    let index = slotOf.get(key);
    if (index === undefined) {
      const spec = t.parameters?.[name];
      const convert: Converter = spec
        ? compileConverter(name, spec, language, place)
        : () => ({ ok: false, detail: `${name}: the template does not declare this parameter` });
      const fallback = spec?.fallback !== undefined ? convert(spec.fallback) : undefined;
      slots.push({ name, convert, ...(fallback?.ok ? { fallback } : {}) });
      slotOf.set(key, (index = slots.length - 1));
    }
    return index;
  };
  const outputs: Output[] = [];
  const seenBody = new Set<string>();
  for (const use of parameterUses(content)) {
    const slot = slotFor(use.name, use.place);
    switch (use.place) {
      case 'header_text':
        outputs.push({ at: 'header_text', slot, named: true });
        break;
      case 'body':
        // Named parameters are sent once each, however often the body repeats them.
        if (!seenBody.has(use.name)) outputs.push({ at: 'body', slot, named: true });
        seenBody.add(use.name);
        break;
      case 'header_media':
        outputs.push({ at: 'header_media', slot, mediaType: content.header!.format as 'image' | 'video' | 'document' });
        break;
      case 'header_location':
        outputs.push({ at: 'header_location', slot });
        break;
      case 'url_suffix':
        outputs.push({ at: 'url', slot, index: use.buttonIndex! });
        break;
      case 'copy_code':
        outputs.push({ at: 'coupon', slot, index: use.buttonIndex! });
        break;
      case 'otp':
        outputs.push({ at: 'otp', slot });
        break;
    }
  }
  (content.buttons ?? []).forEach((b, index) => {
    if (b.type === 'quick_reply' && b.payload !== undefined) outputs.push({ at: 'payload', payload: b.payload, index });
  });
  return { slots, outputs };
}

/** Throws a RangeError when the template has no such language (callers check the language first). */
export function compileRenderer(t: TemplateFile, language: string): TemplateRenderer {
  if (!t.languages[language]) throw new RangeError(`template ${t.name} has no language "${language}"`);
  const { slots, outputs } = compileSlots(t, language);
  const hash = languageHash(t, language);
  const hasHeader = outputs.some((o) => o.at.startsWith('header'));
  const hasBody = outputs.some((o) => o.at === 'body' || o.at === 'otp');
  const hasButtons = outputs.some((o) => o.at === 'url' || o.at === 'coupon' || o.at === 'payload' || o.at === 'otp');
  const resolved: Array<Converted & { ok: true }> = new Array(slots.length);

  function render(values: Record<string, unknown>): RenderResult {
    const source: Record<string, unknown> = values !== null && typeof values === 'object' ? values : {};
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const value = Object.hasOwn(source, slot.name) ? source[slot.name] : undefined;
      if (isEmptyValue(value)) {
        if (!slot.fallback) return { ok: false, reason: 'missing_parameter', detail: `${slot.name}: no value and no fallback` };
        resolved[i] = slot.fallback;
        continue;
      }
      const converted = slot.convert(value);
      if (!converted.ok) return { ok: false, reason: 'invalid_parameter', detail: converted.detail };
      resolved[i] = converted;
    }
    const header: TemplateParam[] = [];
    const body: TemplateParam[] = [];
    const buttons: TemplateParam[] = [];
    for (const o of outputs) {
      if (o.at === 'payload') {
        buttons.push({ type: 'payload', payload: o.payload, index: o.index });
        continue;
      }
      const r = resolved[o.slot]!;
      const name = slots[o.slot]!.name;
      switch (o.at) {
        case 'header_text':
          header.push({ type: 'text', name, text: r.text });
          break;
        case 'body':
          body.push({ type: 'text', name, text: r.text });
          break;
        case 'header_media':
          header.push({ type: o.mediaType, link: r.text });
          break;
        case 'header_location':
          header.push({ type: 'location', ...r.location! });
          break;
        case 'url':
          buttons.push({ type: 'url', text: r.text, index: o.index });
          break;
        case 'coupon':
          buttons.push({ type: 'coupon_code', code: r.text, index: o.index });
          break;
        case 'otp':
          body.push({ type: 'text', text: r.text });
          buttons.push({ type: 'url', text: r.text, index: 0 });
          break;
      }
    }
    const params: TemplateMessage['params'] = {};
    if (hasHeader) params.header = header;
    if (hasBody) params.body = body;
    if (hasButtons) params.buttons = buttons;
    return { ok: true, params };
  }

  return {
    name: t.name,
    language,
    category: t.category,
    hash,
    render(values) {
      try {
        return render(values);
      } catch (error) {
        // A value whose getter throws, or similar: refuse the send, never crash the caller.
        return {
          ok: false,
          reason: 'invalid_parameter',
          detail: `cannot read the values: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    },
  };
}
