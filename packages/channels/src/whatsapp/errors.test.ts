import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../parse';
import { waInbound, waValueErrors } from '../../../../test/fake-graph/payloads';

/** Meta's error object shape (reference: `messages[].errors`, `value.errors`). */
const ERROR_131000 = {
  code: 131000,
  title: 'Something went wrong',
  message: 'Something went wrong',
  error_data: { details: 'Message failed to send because of an unknown error.' },
};

describe('parseWebhook: Meta errors', () => {
  it('normalizes an interactive message that carries errors and no readable body to unsupported', () => {
    const res = parseWebhook(waInbound('16505551234', { type: 'interactive', errors: [ERROR_131000] }, { id: 'wamid.I1' }));
    expect(res.errors).toEqual([]);
    expect(res.messages).toHaveLength(1);
    expect(res.messages[0]).toMatchObject({
      id: 'wamid.I1',
      rawType: 'interactive',
      message: { kind: 'unsupported' },
      unsupportedType: 'interactive',
      errors: [
        {
          code: 131000,
          title: 'Something went wrong',
          message: 'Something went wrong',
          details: 'Message failed to send because of an unknown error.',
        },
      ],
    });
  });

  it('keeps the interactive sub-type when Meta names one it could not read', () => {
    const res = parseWebhook(
      waInbound('16505551234', { type: 'interactive', interactive: { type: 'button_reply' }, errors: [ERROR_131000] }),
    );
    expect(res.errors).toEqual([]);
    expect(res.messages[0]).toMatchObject({
      message: { kind: 'unsupported' },
      unsupportedType: 'button_reply',
      errors: [{ code: 131000 }],
    });
  });

  it('still reports a broken interactive message without errors as a shape error', () => {
    const res = parseWebhook(waInbound('16505551234', { type: 'interactive' }));
    expect(res.messages).toEqual([]);
    expect(res.errors[0]!.path).toMatch(/interactive$/);
  });

  it('returns change-level value.errors as platform errors with their code and title', () => {
    const res = parseWebhook(waValueErrors([{ code: 131000, title: 'Something went wrong' }]));
    expect(res.errors).toEqual([]);
    expect(res.platformErrors).toEqual([
      expect.objectContaining({ code: 131000, title: 'Something went wrong', channel: 'whatsapp', tenantKey: '106540352242922' }),
    ]);
  });
});
