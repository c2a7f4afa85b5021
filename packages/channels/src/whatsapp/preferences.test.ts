import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../parse';

const body = (prefs: unknown[], value: Record<string, unknown> = {}) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'user_preferences',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
            user_preferences: prefs,
            ...value,
          },
        },
      ],
    },
  ],
});

describe('WhatsApp user_preferences', () => {
  it('reads a stop and a resume of marketing messages', () => {
    const out = parseWebhook(
      body([
        {
          wa_id: '16505551234',
          detail: 'User requested to stop marketing messages',
          category: 'marketing_messages',
          value: 'stop',
          timestamp: 1731705721,
        },
        { wa_id: '16505551234', category: 'marketing_messages', value: 'resume', timestamp: '1731705800' },
      ]),
    );
    expect(out.errors).toEqual([]);
    expect(out.preferences).toEqual([
      {
        channel: 'whatsapp',
        tenantKey: '106540352242922',
        contact: { id: '16505551234', phone: '16505551234', name: 'Sheena Nelson' },
        category: 'marketing_messages',
        value: 'stop',
        timestamp: 1731705721000,
        detail: 'User requested to stop marketing messages',
      },
      {
        channel: 'whatsapp',
        tenantKey: '106540352242922',
        contact: { id: '16505551234', phone: '16505551234', name: 'Sheena Nelson' },
        category: 'marketing_messages',
        value: 'resume',
        timestamp: 1731705800000,
      },
    ]);
  });

  it('ignores other categories and values, and reports a bad entry with its path', () => {
    const out = parseWebhook(
      body([
        { wa_id: '16505551234', category: 'offers', value: 'stop', timestamp: 1 },
        { wa_id: '16505551234', category: 'marketing_messages', value: 'maybe', timestamp: 1 },
        { wa_id: 'not-digits', category: 'marketing_messages', value: 'stop', timestamp: 1 },
        { wa_id: '16505551234', category: 'marketing_messages', value: 'stop', timestamp: 'yesterday' },
      ]),
    );
    expect(out.preferences).toEqual([]);
    expect(out.ignored.map((i) => i.reason)).toEqual([
      'preference offers=stop is not handled',
      'preference marketing_messages=maybe is not handled',
    ]);
    expect(out.errors).toEqual([
      { path: '$.entry[0].changes[0].value.user_preferences[2].wa_id', message: expect.stringContaining("expected the user's wa_id") },
      { path: '$.entry[0].changes[0].value.user_preferences[3].timestamp', message: 'expected Unix seconds as a string of digits' },
    ]);
    expect(parseWebhook(body([], { metadata: {} })).errors[0]!.path).toBe('$.entry[0].changes[0].value.metadata.phone_number_id');
  });
});
