/**
 * Outbound messages → Messenger / Instagram Send API requests. Choice prompts
 * with ≤13 options use quick replies; more become generic-template carousels
 * of ≤10 cards (one postback button per option), after the prompt text.
 */
import type { GraphRequest, MetaChannel } from '../types';
import { MESSENGER } from './limits';
import { DEFAULT_LABELS, SendBuildError, type SendLabels, type SendOptions, type SendableMessage } from './options';
import { splitText, truncate, uniqueTitles, utf16Length, utf8Bytes } from './text';

type Body = Record<string, unknown>;

const ATTACHMENT_TYPE = { image: 'image', video: 'video', audio: 'audio', document: 'file', sticker: 'image' } as const;

export function buildMessengerRequests(
  channel: Exclude<MetaChannel, 'whatsapp'>,
  recipient: string,
  message: SendableMessage,
  opts: SendOptions,
): GraphRequest[] {
  if (recipient === '') throw new SendBuildError('recipient', 'expected the PSID / IGSID');
  const labels: SendLabels = { ...DEFAULT_LABELS, ...opts.labels };
  const messagingType = opts.messagingType ?? 'RESPONSE';
  if (messagingType === 'MESSAGE_TAG' && !opts.tag) throw new SendBuildError('opts.tag', 'MESSAGE_TAG needs a tag (e.g. HUMAN_AGENT)');
  const path = `/${opts.senderId ?? 'me'}/messages`;
  return messengerMessages(channel, message, labels).map((msg) => ({
    method: 'POST' as const,
    path,
    body: {
      recipient: { id: recipient },
      messaging_type: messagingType,
      ...(messagingType === 'MESSAGE_TAG' ? { tag: opts.tag } : {}),
      message: msg,
    },
  }));
}

function messengerMessages(channel: Exclude<MetaChannel, 'whatsapp'>, message: SendableMessage, labels: SendLabels): Body[] {
  const texts = (text: string): Body[] => {
    if (text.trim() === '') throw new SendBuildError('message.text', 'empty text cannot be sent');
    return channel === 'instagram'
      ? splitText(text, MESSENGER.instagramTextBytes, utf8Bytes).map((t) => ({ text: t }))
      : splitText(text, MESSENGER.text, utf16Length).map((t) => ({ text: t }));
  };
  switch (message.kind) {
    case 'text':
      return texts(message.text);
    case 'media': {
      const { type, url, caption } = message.media;
      if (!Object.hasOwn(ATTACHMENT_TYPE, type))
        throw new SendBuildError('message.media.type', `expected image, video, audio, document or sticker, got "${String(type)}"`);
      if (!url) throw new SendBuildError('message.media.url', 'expected the media URL');
      // Attachments carry no caption on Messenger: the caption follows as text.
      return [{ attachment: { type: ATTACHMENT_TYPE[type], payload: { url, is_reusable: true } } }, ...(caption ? texts(caption) : [])];
    }
    case 'choices': {
      const { options } = message;
      if (options.length === 0) throw new SendBuildError('message.options', 'a choice prompt needs at least one option');
      options.forEach((o, i) => {
        if (o.id === '' || o.id.length > MESSENGER.payload)
          throw new SendBuildError(`message.options[${i}].id`, `ids must be 1–${MESSENGER.payload} characters`);
      });
      const prompt = texts(message.text.trim() === '' ? labels.choosePrompt : message.text);
      if (options.length <= MESSENGER.quickReplies) {
        const titles = uniqueTitles(
          options.map((o) => o.title),
          MESSENGER.quickReplyTitle,
        );
        const last = prompt[prompt.length - 1] as Body;
        last.quick_replies = options.map((o, i) => ({ content_type: 'text', title: titles[i], payload: o.id }));
        return prompt;
      }
      const cards: Body[] = [];
      for (let i = 0; i < options.length; i += MESSENGER.genericElements) {
        const elements = options.slice(i, i + MESSENGER.genericElements).map((o) => ({
          title: truncate(o.title, MESSENGER.elementTitle),
          ...(o.description ? { subtitle: truncate(o.description, MESSENGER.elementSubtitle) } : {}),
          buttons: [{ type: 'postback', title: truncate(labels.select, MESSENGER.buttonTitle), payload: o.id }],
        }));
        cards.push({ attachment: { type: 'template', payload: { template_type: 'generic', elements } } });
      }
      return [...prompt, ...cards];
    }
    case 'template':
      throw new SendBuildError(
        'message',
        `WhatsApp templates cannot be sent on ${channel}; outside the window use a message tag or wait for the user`,
      );
  }
}
