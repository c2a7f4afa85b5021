/**
 * Property tests: parseWebhook never throws, whatever arrives, and everything
 * it does return conforms to schemas/message.schema.json.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse';
import { validateMessage, validateStatus, validateTemplateEvent } from './schema.test-helper';
import { fb, messengerWebhook, wa, waBatch, waInbound, waStatus, waStatusWebhook } from '../../../test/fake-graph/payloads';
import { templateCategoryWebhook, templateQualityWebhook, templateStatusWebhook } from '../../../test/fake-graph/templates/webhooks';

const TEMPLATE = { id: '1689556908129832', name: 'order_confirmation', language: 'en_US' };

const seeds: unknown[] = [
  waInbound('16505551234', wa.text('hello')),
  waInbound('16505551234', wa.image({ caption: 'c' }), { context: { id: 'wamid.x', from: '1555' } }),
  waInbound('16505551234', wa.buttonReply('b1', 'Yes')),
  waInbound('16505551234', wa.listReply('r1', 'Row', 'desc')),
  waInbound('16505551234', wa.flowReply({ a: 1, flow_token: 't' })),
  waInbound('16505551234', wa.contacts([{ formattedName: 'A B', phone: '+1 555' }])),
  waInbound('16505551234', wa.order([{ id: 'p', quantity: 1, price: 3 }])),
  waInbound('16505551234', wa.location(1, 2)),
  waInbound('x', wa.text('hi'), { bsuid: 'US.1', phoneless: true }),
  waInbound('16505551234', wa.system('1', '2')),
  waInbound('16505551234', wa.unsupported()),
  waStatusWebhook([waStatus('wamid.a', 'failed', { errors: [{ code: 131047 }] })]),
  templateStatusWebhook(TEMPLATE, 'REJECTED', {
    reason: 'INVALID_FORMAT',
    category: 'MARKETING',
    rejectionInfo: { reason: 'adjacent parameters', recommendation: 'separate them' },
  }),
  templateStatusWebhook(TEMPLATE, 'PAUSED', { otherInfo: { title: 'FIRST_PAUSE', description: 'paused for 3 hours' } }),
  templateQualityWebhook(TEMPLATE, 'GREEN', 'RED'),
  templateCategoryWebhook(TEMPLATE, { current: 'UTILITY', correct: 'MARKETING', at: 1760711433 }),
  messengerWebhook('5678', [
    fb.text('hi'),
    fb.quickReply('R', 'P'),
    fb.postback('t', 'p'),
    fb.attachment('image', { url: 'u' }),
    fb.delivery(['m'], 1),
  ]),
];

/** Replace one randomly chosen node of a JSON value with an arbitrary value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = path[0]! % value.length;
    const copy = value.slice();
    copy[i] = mutate(value[i], path.slice(1), replacement);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[path[0]! % keys.length]!;
    return { ...value, [key]: mutate((value as Record<string, unknown>)[key], path.slice(1), replacement) };
  }
  return replacement;
}

function checkResult(body: unknown): void {
  const result = parseWebhook(body);
  for (const m of result.messages) expect(validateMessage(m), JSON.stringify(m)).toBe(true);
  for (const s of result.statuses) expect(validateStatus(s), JSON.stringify(s)).toBe(true);
  for (const t of result.templateEvents) expect(validateTemplateEvent(t), JSON.stringify(t)).toBe(true);
  // Outputs are queued as JSON: no Infinity, NaN, undefined values or functions may hide in them.
  const outputs = [result.messages, result.statuses, result.templateEvents];
  expect(JSON.parse(JSON.stringify(outputs))).toStrictEqual(outputs);
  for (const e of result.errors) expect(e.path.startsWith('$')).toBe(true);
}

describe('parseWebhook fuzzing', () => {
  it('never throws on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        checkResult(body);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('never throws on random objects that claim to be Meta webhooks', () => {
    const object = fc.constantFrom('whatsapp_business_account', 'page', 'instagram');
    fc.assert(
      fc.property(object, fc.jsonValue(), (o, entry) => {
        checkResult({ object: o, entry });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('never throws on mutated real payloads, and keeps outputs schema-valid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.nat(), { minLength: 1, maxLength: 9 }),
        fc.jsonValue(),
        (seed, path, replacement) => {
          checkResult(mutate(seed, path, replacement));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
  });

  it('copes with prototype-looking keys and deep nesting', () => {
    checkResult(
      JSON.parse(
        '{"object":"whatsapp_business_account","entry":[{"__proto__":{"changes":1},"changes":[{"field":"messages","value":{"constructor":1,"metadata":{"phone_number_id":"1"},"messages":[{"__proto__":null}]}}]}]}',
      ),
    );
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = [deep];
    checkResult({ object: 'whatsapp_business_account', entry: deep });
    checkResult(waBatch(seeds.slice(0, 5) as Array<Record<string, unknown>>));
  });
});

describe('parseWebhook with prototype-named values', () => {
  it('does not resolve "constructor" or "__proto__" as channels or attachment types', () => {
    for (const object of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = parseWebhook({ object, entry: [] });
      expect(r.messages).toEqual([]);
      expect(r.ignored[0]!.reason).toContain(object);
    }
    const r = parseWebhook(messengerWebhook('5678', [fb.attachment('constructor', { url: 'https://x' })]));
    expect(r.messages[0]!.message).toEqual({ kind: 'unsupported' });
    expect(validateMessage(r.messages[0])).toBe(true);
  });
});
