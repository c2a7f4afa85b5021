/**
 * Property test: whatever the flow asks for, the builders either refuse with a
 * SendBuildError or produce requests that pass the fake Graph API's
 * independent check of Meta's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSendRequests } from './build';
import { SendBuildError, type SendableMessage, type TemplateParameter } from './options';
import { validateMessengerSend, validateWhatsAppSend } from '../../../../test/fake-graph/validate';

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('', ' ', 'Sí ✅', '👍🏽'.repeat(30)),
);
const id = fc.oneof(fc.stringMatching(/^[a-z0-9_-]{1,12}$/), fc.string({ maxLength: 300 }));
const option = fc.record({ id, title: text, description: fc.option(text, { nil: undefined }) }, { requiredKeys: ['id', 'title'] });

const choices: fc.Arbitrary<SendableMessage> = fc
  .record({
    text: fc.oneof(text, fc.string({ maxLength: 5000 })),
    options: fc.uniqueArray(option, { selector: (o) => o.id, minLength: 0, maxLength: 30 }),
    listButton: fc.option(text, { nil: undefined }),
    sectionCuts: fc.array(fc.nat(30), { maxLength: 4 }),
  })
  .map(({ text: t, options, listButton, sectionCuts }) => {
    // Turn cut points into sections over a prefix of the options, titled or not.
    const cuts = [...new Set(sectionCuts.map((c) => Math.min(c, options.length)))].sort((a, b) => a - b);
    let start = 0;
    const sections = cuts.map((end, i) => {
      const s = {
        ...(i % 2 === 0 ? { title: `Section ${i} with a long title` } : {}),
        optionIds: options.slice(start, end).map((o) => o.id),
      };
      start = end;
      return s;
    });
    return {
      kind: 'choices' as const,
      text: t,
      options,
      ...(listButton !== undefined ? { listButton } : {}),
      ...(sections.length > 0 ? { sections } : {}),
    };
  });

const index = fc.option(fc.integer({ min: -1, max: 11 }), { nil: undefined });
const withIndex = <T extends object>(p: T, i: number | undefined): T => (i === undefined ? p : { ...p, index: i });
const templateParam: fc.Arbitrary<TemplateParameter> = fc.oneof(
  text,
  fc.record({ text, name: fc.option(fc.constantFrom('first_name', 'Bad-Name', ''), { nil: undefined }) }).map(({ text: t, name }) => ({
    type: 'text' as const,
    text: t,
    ...(name !== undefined ? { name } : {}),
  })),
  fc
    .record({ type: fc.constantFrom('image', 'video', 'document'), filename: fc.option(text, { nil: undefined }) })
    .map(({ type, filename }) => ({
      type,
      link: 'https://x.test/m',
      ...(filename !== undefined ? { filename } : {}),
    })),
  fc
    .record({
      latitude: fc.double({ min: -200, max: 200 }),
      longitude: fc.double({ min: -200, max: 200 }),
      name: fc.option(text, { nil: undefined }),
    })
    .map((l) => ({
      type: 'location' as const,
      latitude: l.latitude,
      longitude: l.longitude,
      ...(l.name !== undefined ? { name: l.name } : {}),
    })),
  fc.tuple(text, index).map(([payload, i]) => withIndex({ type: 'payload' as const, payload }, i)),
  fc.tuple(text, index).map(([t, i]) => withIndex({ type: 'url' as const, text: t }, i)),
  fc.tuple(text, index).map(([code, i]) => withIndex({ type: 'coupon_code' as const, code }, i)),
  fc
    .record({ fallback: text, code: fc.constantFrom('USD', 'usd'), amount1000: fc.oneof(fc.integer(), fc.double()) })
    .map((c) => ({ type: 'currency' as const, ...c })),
  text.map((fallback) => ({ type: 'date_time' as const, fallback })),
);
const template: fc.Arbitrary<SendableMessage> = fc
  .record({
    header: fc.option(fc.array(templateParam, { maxLength: 2 }), { nil: undefined }),
    body: fc.option(fc.array(templateParam, { maxLength: 4 }), { nil: undefined }),
    buttons: fc.option(fc.array(templateParam, { maxLength: 4 }), { nil: undefined }),
  })
  .map((params) => ({ kind: 'template' as const, name: 'cart_reminder', language: 'en', params: JSON.parse(JSON.stringify(params)) }));

const message: fc.Arbitrary<SendableMessage> = fc.oneof(
  fc.string({ maxLength: 9000 }).map((t) => ({ kind: 'text' as const, text: t })),
  fc
    .record({
      type: fc.constantFrom('image', 'video', 'audio', 'document', 'sticker'),
      caption: fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
    })
    .map(({ type, caption }) => ({
      kind: 'media' as const,
      media: { type, url: 'https://x.test/f', ...(caption !== undefined ? { caption } : {}) },
    })),
  choices,
  template,
);

describe('send builders (property)', () => {
  it.each(['whatsapp', 'messenger'] as const)('%s: every built request is valid or the input is refused precisely', (channel) => {
    const validate = channel === 'whatsapp' ? validateWhatsAppSend : validateMessengerSend;
    fc.assert(
      fc.property(message, fc.option(text, { nil: undefined }), (msg, header) => {
        let requests;
        try {
          requests = buildSendRequests(channel, '16505551234', msg, { senderId: 'PN', ...(header?.trim() ? { header } : {}) });
        } catch (err) {
          expect(err).toBeInstanceOf(SendBuildError);
          expect((err as SendBuildError).path).toMatch(/^(message|opts)/);
          return;
        }
        expect(requests.length).toBeGreaterThan(0);
        for (const r of requests) expect(validate(r.body), JSON.stringify(r.body).slice(0, 400)).toBeNull();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
