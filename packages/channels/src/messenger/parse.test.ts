import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../parse';
import { fb, messengerWebhook, DEFAULT_PAGE_ID } from '../../../../test/fake-graph/payloads';

const T = 1459991487970;
const PSID = '5678';

function one(body: unknown) {
  const r = parseWebhook(body);
  expect(r.errors).toEqual([]);
  expect(r.messages).toHaveLength(1);
  return r.messages[0]!;
}

describe('parseWebhook: Messenger and Instagram', () => {
  it('normalizes a text message (courier fixture shape)', () => {
    const body = {
      object: 'page',
      entry: [
        {
          id: '1234567890',
          time: T,
          messaging: [
            { sender: { id: PSID }, recipient: { id: '1234567890' }, timestamp: T, message: { mid: 'external_id', text: 'Hello World' } },
          ],
        },
      ],
    };
    expect(one(body)).toEqual({
      id: 'external_id',
      channel: 'messenger',
      tenantKey: '1234567890',
      contact: { id: PSID },
      timestamp: T,
      rawType: 'text',
      message: { kind: 'text', text: 'Hello World' },
    });
  });

  it('uses instagram as the channel for object "instagram"', () => {
    expect(one(messengerWebhook(PSID, [fb.text('hi')], { object: 'instagram', pageId: '17841' }))).toMatchObject({
      channel: 'instagram',
      tenantKey: '17841',
    });
  });

  it('maps quick replies and postbacks to button choices', () => {
    expect(one(messengerWebhook(PSID, [fb.quickReply('Red', 'PICK_RED')])).message).toEqual({
      kind: 'button',
      choiceId: 'PICK_RED',
      text: 'Red',
    });
    const postback = one(
      messengerWebhook(
        PSID,
        [
          {
            postback: {
              title: 'Get Started',
              payload: 'get_started',
              referral: { ref: 'summer', source: 'SHORTLINK', type: 'OPEN_THREAD' },
            },
          },
        ],
        { timestamp: T },
      ),
    );
    expect(postback).toMatchObject({
      id: `postback:${PSID}:${T}`,
      rawType: 'postback',
      message: { kind: 'button', choiceId: 'get_started', text: 'Get Started' },
      referral: { ref: 'summer', sourceType: 'SHORTLINK' },
    });
    expect(one(messengerWebhook(PSID, [fb.postback('t', 'p', 'm_pb')])).id).toBe('m_pb');
  });

  it('maps attachments: media, stickers, location, like_heart, shares', () => {
    expect(one(messengerWebhook(PSID, [fb.attachment('image', { url: 'https://image-url/foo.png' })])).message).toEqual({
      kind: 'media',
      media: { type: 'image', url: 'https://image-url/foo.png' },
    });
    expect(one(messengerWebhook(PSID, [fb.attachment('file', { url: 'https://f/x.pdf' })])).message.media?.type).toBe('document');
    expect(one(messengerWebhook(PSID, [fb.attachment('image', { url: 'https://s', sticker_id: 369239263222822 })])).message.media).toEqual({
      type: 'sticker',
      url: 'https://s',
      id: '369239263222822',
    });
    expect(one(messengerWebhook(PSID, [fb.attachment('location', { coordinates: { lat: 1.5, long: 2.5 } })])).message).toEqual({
      kind: 'location',
      location: { latitude: 1.5, longitude: 2.5 },
    });
    expect(one(messengerWebhook(PSID, [fb.attachment('like_heart', {})])).message).toEqual({ kind: 'reaction', text: '❤️' });
    const share = one(messengerWebhook(PSID, [fb.attachment('story_mention', { url: 'https://story' })]));
    expect(share).toMatchObject({
      rawType: 'attachment.story_mention',
      message: { kind: 'unsupported' },
      attachments: [{ type: 'story_mention', url: 'https://story' }],
    });
  });

  it('keeps reply_to, unsent messages and reactions', () => {
    expect(one(messengerWebhook(PSID, [{ message: { mid: 'm2', text: 'yes', reply_to: { mid: 'm1' } } }])).replyTo).toEqual({ id: 'm1' });
    expect(one(messengerWebhook(PSID, [{ message: { mid: 'm3', is_deleted: true } }]))).toMatchObject({
      deleted: true,
      message: { kind: 'unsupported' },
    });
    const reaction = one(
      messengerWebhook(PSID, [{ reaction: { mid: 'm_bot', action: 'react', emoji: '😀', reaction: 'smile' } }], { timestamp: T }),
    );
    expect(reaction).toMatchObject({
      id: `reaction:m_bot:${PSID}:${T}`,
      message: { kind: 'reaction', text: '😀' },
      reaction: { messageId: 'm_bot', emoji: '😀', removed: false },
    });
    expect(one(messengerWebhook(PSID, [{ reaction: { mid: 'm_bot', action: 'unreact' } }])).reaction).toEqual({
      messageId: 'm_bot',
      removed: true,
    });
  });

  it('turns delivery and read receipts into statuses', () => {
    const r = parseWebhook(messengerWebhook(PSID, [fb.delivery(['mid.1', 'mid.2'], 1458668856253), fb.read(1458668856300)]));
    expect(r.errors).toEqual([]);
    expect(r.statuses.map((s) => [s.status, s.messageId, s.watermark])).toEqual([
      ['delivered', 'mid.1', 1458668856253],
      ['delivered', 'mid.2', 1458668856253],
      ['read', undefined, 1458668856300],
    ]);
    expect(r.statuses[0]).toMatchObject({ channel: 'messenger', tenantKey: DEFAULT_PAGE_ID, recipientId: PSID });
  });

  it('ignores echoes, standby and unknown events; reports malformed events with a path', () => {
    const r = parseWebhook({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: T,
          messaging: [
            { sender: { id: 'P' }, recipient: { id: PSID }, timestamp: T, ...fb.echo('sent by us') },
            { sender: { id: PSID }, recipient: { id: 'P' }, timestamp: T, optin: { ref: 'x' } },
          ],
        },
        { id: 'P', time: T, standby: [{ sender: { id: PSID }, recipient: { id: 'P' } }] },
        {
          id: 'P',
          time: T,
          messaging: [
            { sender: { id: PSID }, recipient: { id: 'P' }, timestamp: T, message: { text: 'no mid' } },
            { recipient: { id: 'P' }, timestamp: T, message: { mid: 'm', text: 'no sender' } },
          ],
        },
      ],
    });
    expect(r.messages).toEqual([]);
    expect(r.ignored.map((i) => i.path)).toEqual(['$.entry[0].messaging[0].message', '$.entry[0].messaging[1]', '$.entry[1].standby']);
    expect(r.errors).toEqual([
      { path: '$.entry[2].messaging[0].message.mid', message: 'expected the message id' },
      { path: '$.entry[2].messaging[1].sender.id', message: 'expected the sender id (PSID / IGSID)' },
    ]);
  });
});

describe('parseWebhook: Messenger timestamps', () => {
  it('requires integer milliseconds', () => {
    const body = messengerWebhook(PSID, [fb.text('x')]);
    const entry = (body.entry as Array<Record<string, unknown>>)[0]!;
    (entry.messaging as Array<Record<string, unknown>>)[0]!.timestamp = 1.5;
    entry.time = '2020';
    expect(parseWebhook(body).errors).toEqual([
      { path: '$.entry[0].messaging[0].timestamp', message: 'expected a timestamp in milliseconds' },
    ]);
  });
});
