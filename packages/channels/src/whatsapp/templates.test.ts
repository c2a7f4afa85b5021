import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../parse';
import { DEFAULT_WABA_ID } from '../../../../test/fake-graph/payloads';
import { templateCategoryWebhook, templateQualityWebhook, templateStatusWebhook } from '../../../../test/fake-graph/templates/webhooks';

const T = { id: '1689556908129832', name: 'order_confirmation', language: 'en_US' };
const TIME = 1751247548;

/** Meta's "rejected with INVALID_FORMAT" example (the reference's example with its missing comma fixed). */
const META_REJECTED = {
  entry: [
    {
      id: '102290129340398',
      time: 1751247548,
      changes: [
        {
          value: {
            event: 'REJECTED',
            message_template_id: 1689556908129835,
            message_template_name: 'abandoned_cart',
            message_template_language: 'en',
            reason: 'INVALID_FORMAT',
            message_template_category: 'MARKETING',
            rejection_info: {
              reason: 'Your template has parameters placed next to each other (like {{1}}{{2}}) without text or punctuation between them.',
              recommendation: 'Separate parameters with descriptive text and ensure each parameter is clearly contextualized.',
            },
          },
          field: 'message_template_status_update',
        },
      ],
    },
  ],
  object: 'whatsapp_business_account',
};

function events(body: unknown) {
  const result = parseWebhook(body);
  expect(result.errors).toEqual([]);
  expect(result.messages).toEqual([]);
  return result.templateEvents;
}

describe('parseWebhook: template webhooks', () => {
  it("normalizes Meta's rejection example with the reason and the detail", () => {
    expect(events(META_REJECTED)).toEqual([
      {
        kind: 'status',
        wabaId: '102290129340398',
        templateId: '1689556908129835',
        name: 'abandoned_cart',
        language: 'en',
        status: 'rejected',
        category: 'marketing',
        reason:
          'INVALID_FORMAT: Your template has parameters placed next to each other (like {{1}}{{2}}) without text or punctuation between them.',
        at: 1751247548000,
      },
    ]);
  });

  it.each([
    ['APPROVED', 'approved'],
    ['REINSTATED', 'approved'],
    ['PENDING', 'pending'],
    ['PAUSED', 'paused'],
    ['DISABLED', 'disabled'],
    ['IN_APPEAL', 'in_appeal'],
    ['PENDING_DELETION', 'pending_deletion'],
    ['DELETED', 'deleted'],
    ['ARCHIVED', 'archived'],
    ['LIMIT_EXCEEDED', 'limit_exceeded'],
  ] as const)('maps the %s event to status %s', (event, status) => {
    const [e] = events(templateStatusWebhook(T, event, { category: 'UTILITY' }, { time: TIME }));
    expect(e).toEqual({
      kind: 'status',
      wabaId: DEFAULT_WABA_ID,
      templateId: T.id,
      name: T.name,
      language: 'en_US',
      status,
      category: 'utility',
      at: TIME * 1000,
    });
  });

  it('keeps a pause title and description as the reason', () => {
    const [e] = events(
      templateStatusWebhook(T, 'PAUSED', {
        otherInfo: { title: 'FIRST_PAUSE', description: 'Your WhatsApp message template has been paused for 3 hours.' },
      }),
    );
    expect(e).toMatchObject({ status: 'paused', reason: 'FIRST_PAUSE: Your WhatsApp message template has been paused for 3 hours.' });
  });

  it('turns FLAGGED into a red quality event and skips edit locks and events it does not know', () => {
    const [flagged] = events(templateStatusWebhook(T, 'FLAGGED', {}, { time: TIME }));
    expect(flagged).toEqual({
      kind: 'quality',
      wabaId: DEFAULT_WABA_ID,
      templateId: T.id,
      name: T.name,
      language: 'en_US',
      quality: 'red',
      reason: 'FLAGGED',
      at: TIME * 1000,
    });
    for (const event of ['LOCKED', 'SOMETHING_NEW']) {
      const body = templateStatusWebhook(T, 'LOCKED', {});
      (
        (body.entry as Array<{ changes: Array<{ value: Record<string, unknown> }> }>)[0]!.changes[0]!.value as Record<string, unknown>
      ).event = event;
      const result = parseWebhook(body);
      expect(result.templateEvents).toEqual([]);
      expect(result.errors).toEqual([]);
      expect(result.ignored).toEqual([
        { path: '$.entry[0].changes[0].value.event', reason: `template event "${event}" does not change the status` },
      ]);
    }
  });

  it('reads quality updates and normalizes en-US to en_US', () => {
    const [e] = events(templateQualityWebhook({ ...T, language: 'pt-BR' }, 'GREEN', 'YELLOW', { time: TIME }));
    expect(e).toEqual({
      kind: 'quality',
      wabaId: DEFAULT_WABA_ID,
      templateId: T.id,
      name: T.name,
      language: 'pt_BR',
      quality: 'yellow',
      previousQuality: 'green',
      at: TIME * 1000,
    });
  });

  it('reads completed and impending category changes', () => {
    const [done] = events(templateCategoryWebhook(T, { previous: 'UTILITY', next: 'MARKETING' }, { time: TIME }));
    expect(done).toEqual({
      kind: 'category',
      wabaId: DEFAULT_WABA_ID,
      templateId: T.id,
      name: T.name,
      language: 'en_US',
      category: 'marketing',
      previousCategory: 'utility',
      at: TIME * 1000,
    });
    const [coming] = events(templateCategoryWebhook(T, { current: 'UTILITY', correct: 'MARKETING', at: 1760711433 }, { time: TIME }));
    expect(coming).toEqual({
      kind: 'category',
      wabaId: DEFAULT_WABA_ID,
      templateId: T.id,
      name: T.name,
      language: 'en_US',
      category: 'utility',
      reason: 'Meta will change the category from utility to marketing on 2025-10-17T14:30:33.000Z',
      at: TIME * 1000,
    });
  });

  it('reports malformed template changes with their path and keeps the good ones', () => {
    const good = templateStatusWebhook(T, 'APPROVED', {}, { time: TIME });
    const entry = (good.entry as Array<Record<string, unknown>>)[0]!;
    const changes = entry.changes as Array<Record<string, unknown>>;
    changes.push({
      field: 'message_template_status_update',
      value: { event: 'APPROVED', message_template_name: 'x', message_template_language: 'en' },
    });
    changes.push({ field: 'message_template_quality_update', value: { ...refOf(), new_quality_score: 'PURPLE' } });
    changes.push({ field: 'template_category_update', value: { ...refOf(), new_category: 7 } });
    changes.push({ field: 'message_template_status_update', value: 'APPROVED' });
    const result = parseWebhook(good);
    expect(result.templateEvents.map((e) => e.status)).toEqual(['approved']);
    expect(result.errors).toEqual([
      { path: '$.entry[0].changes[1].value.message_template_id', message: 'expected a non-empty string, got nothing' },
      { path: '$.entry[0].changes[2].value.new_quality_score', message: 'expected GREEN, YELLOW, RED or UNKNOWN, got "PURPLE"' },
      { path: '$.entry[0].changes[3].value.new_category', message: 'expected MARKETING, UTILITY or AUTHENTICATION, got a number' },
      { path: '$.entry[0].changes[4].value', message: 'expected an object, got a string' },
    ]);
  });

  it('needs the WABA id and the entry time', () => {
    const noId = templateStatusWebhook(T, 'APPROVED');
    delete (noId.entry as Array<Record<string, unknown>>)[0]!.id;
    expect(parseWebhook(noId).errors).toEqual([
      { path: '$.entry[0].id', message: 'expected the WhatsApp Business Account id of a template change' },
    ]);
    const noTime = templateStatusWebhook(T, 'APPROVED');
    delete (noTime.entry as Array<Record<string, unknown>>)[0]!.time;
    expect(parseWebhook(noTime).errors).toEqual([{ path: '$.entry[0].time', message: 'expected Unix seconds as a string of digits' }]);
  });

  it('makes template names well-formed Unicode like every parsed string', () => {
    const [e] = events(templateStatusWebhook({ ...T, name: 'bad\uD800name' }, 'APPROVED'));
    expect(e!.name).toBe('bad\uFFFDname');
  });
});

function refOf(): Record<string, unknown> {
  return { message_template_id: 5, message_template_name: 'n', message_template_language: 'en' };
}
