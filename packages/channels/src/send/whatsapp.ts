/**
 * Channel-neutral outbound messages → WhatsApp Cloud API send requests.
 *
 * Choice prompts: ≤3 options → reply buttons; ≤10 → one list; more → several
 * list messages of ≤10 rows each (the second onwards titled "More options
 * (2/3)"). Several lists keep every option one tap away without any paging
 * state in the runtime: each row id is the option id, whichever message it is in.
 */
import type { ChoiceOption } from '@parley/contract';
import type { GraphRequest } from '../types';
import { WHATSAPP } from './limits';
import { partKey } from './part-key';
import { DEFAULT_LABELS, SendBuildError, type SendLabels, type SendOptions, type SendableMessage } from './options';
import { splitText, truncate, uniqueTitles } from './text';
import { whatsappTemplate } from './whatsapp-template';

type Body = Record<string, unknown>;
const MEDIA_TYPES: ReadonlySet<string> = new Set(['image', 'video', 'audio', 'document', 'sticker']);
type ChoicesMessage = Extract<SendableMessage, { kind: 'choices' }>;

/** Phone numbers go in `to`; business-scoped user ids (e.g. `US.1234`) in `recipient`. */
export function whatsappAddress(recipient: string): Body {
  return /^\+?\d+$/.test(recipient) ? { to: recipient } : { recipient };
}

export function buildWhatsAppRequests(recipient: string, message: SendableMessage, opts: SendOptions): GraphRequest[] {
  if (!opts.senderId) throw new SendBuildError('opts.senderId', 'WhatsApp sends need the phone_number_id');
  const labels: SendLabels = { ...DEFAULT_LABELS, ...opts.labels };
  const bodies = whatsappBodies(message, opts, labels);
  const path = `/${opts.senderId}/messages`;
  return bodies.map((body, i) => ({
    method: 'POST' as const,
    path,
    body: {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...whatsappAddress(recipient),
      // Only the first message of a split quotes the user's message.
      ...(opts.replyToMessageId && i === 0 ? { context: { message_id: opts.replyToMessageId } } : {}),
      ...(opts.bizOpaqueCallbackData ? { biz_opaque_callback_data: partKey(opts.bizOpaqueCallbackData, i) } : {}),
      ...body,
    },
  }));
}

function whatsappBodies(message: SendableMessage, opts: SendOptions, labels: SendLabels): Body[] {
  switch (message.kind) {
    case 'text':
      return textBodies(message.text, opts);
    case 'media': {
      const { type, url, caption, filename } = message.media;
      if (!MEDIA_TYPES.has(type))
        throw new SendBuildError('message.media.type', `expected image, video, audio, document or sticker, got "${String(type)}"`);
      if (!url) throw new SendBuildError('message.media.url', 'expected the media URL');
      const media: Body = { link: url };
      const captionFits = type !== 'audio' && type !== 'sticker';
      const [firstCaption, ...restCaption] = caption && captionFits ? splitText(caption, WHATSAPP.mediaCaption) : [];
      if (firstCaption) media.caption = firstCaption;
      if (filename && type === 'document') media.filename = filename;
      // Audio and stickers take no caption: the text follows as its own message.
      const trailing = caption && !captionFits ? caption : restCaption.join('\n');
      return [{ type, [type]: media }, ...(trailing ? textBodies(trailing, opts) : [])];
    }
    case 'choices':
      return choiceBodies(message, opts, labels);
    case 'template':
      return [{ type: 'template', template: whatsappTemplate(message) }];
  }
}

function textBodies(text: string, opts: SendOptions): Body[] {
  if (text.trim() === '') throw new SendBuildError('message.text', 'WhatsApp rejects empty text');
  return splitText(text, WHATSAPP.textBody).map((body) => ({
    type: 'text',
    text: { body, ...(opts.previewUrl ? { preview_url: true } : {}) },
  }));
}

function choiceBodies(message: ChoicesMessage, opts: SendOptions, labels: SendLabels): Body[] {
  const options = message.options;
  if (options.length === 0) throw new SendBuildError('message.options', 'a choice prompt needs at least one option');
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o.id)) throw new SendBuildError(`message.options[${i}].id`, `duplicate option id "${o.id}"`);
    seen.add(o.id);
  });
  const prompt = message.text.trim() === '' ? labels.choosePrompt : message.text;
  const asButtons = options.length <= WHATSAPP.buttonCount;
  // Text beyond the interactive body limit goes first as plain text messages.
  const chunks = splitText(prompt, asButtons ? WHATSAPP.buttonBody : WHATSAPP.listBody);
  const lead = chunks.slice(0, -1).map((body) => ({ type: 'text', text: { body } }));
  const body = chunks[chunks.length - 1] as string;
  const headerText = nonBlank(opts.header);
  const footerText = nonBlank(opts.footer);
  const header = headerText ? { header: { type: 'text', text: truncate(headerText, WHATSAPP.header) } } : {};
  const footer = footerText ? { footer: { text: truncate(footerText, WHATSAPP.footer) } } : {};

  if (asButtons) {
    const titles = uniqueTitles(
      options.map((o) => o.title),
      WHATSAPP.buttonTitle,
    );
    const buttons = options.map((o, i) => ({ type: 'reply', reply: { id: checkId(o, i, WHATSAPP.buttonId), title: titles[i] } }));
    return [
      ...lead,
      { type: 'interactive', interactive: { type: 'button', ...header, body: { text: body }, ...footer, action: { buttons } } },
    ];
  }

  const pages = paginate(message);
  const button = truncate(nonBlank(message.listButton) ?? labels.listButton, WHATSAPP.listButton);
  const lists = pages.map((sections, p) => {
    const pageBody = p === 0 ? body : labels.morePage.replace('{page}', String(p + 1)).replace('{pages}', String(pages.length));
    return {
      type: 'interactive',
      interactive: {
        type: 'list',
        ...(p === 0 ? header : {}),
        body: { text: pageBody },
        ...footer,
        action: { button, sections: renderSections(sections, labels) },
      },
    };
  });
  return [...lead, ...lists];
}

interface PageSection {
  title?: string;
  options: Array<{ option: ChoiceOption; index: number }>;
}

/**
 * Orders options by the message's sections (options in no section come last,
 * in their own section) and cuts them into pages of ≤10 rows; a section that
 * straddles a page boundary continues on the next page under the same title.
 */
function paginate(message: ChoicesMessage): PageSection[][] {
  const byId = new Map(message.options.map((o, index) => [o.id, { option: o, index }]));
  const placed = new Set<string>();
  const sections: PageSection[] = [];
  (message.sections ?? []).forEach((s, si) => {
    const opts = s.optionIds.map((id, k) => {
      const entry = byId.get(id);
      if (!entry) throw new SendBuildError(`message.sections[${si}].optionIds[${k}]`, `no option with id "${id}"`);
      if (placed.has(id)) throw new SendBuildError(`message.sections[${si}].optionIds[${k}]`, `option "${id}" is already in a section`);
      placed.add(id);
      return entry;
    });
    if (opts.length > 0) sections.push({ ...(s.title !== undefined ? { title: s.title } : {}), options: opts });
  });
  const rest = message.options.map((option, index) => ({ option, index })).filter((e) => !placed.has(e.option.id));
  if (rest.length > 0) sections.push({ options: rest });

  const pages: PageSection[][] = [];
  let page: PageSection[] = [];
  let rows = 0;
  for (const section of sections) {
    let remaining = section.options;
    while (remaining.length > 0) {
      if (rows === WHATSAPP.listRows || page.length === WHATSAPP.listSections) {
        pages.push(page);
        page = [];
        rows = 0;
      }
      const take = remaining.slice(0, WHATSAPP.listRows - rows);
      page.push({ ...(section.title !== undefined ? { title: section.title } : {}), options: take });
      rows += take.length;
      remaining = remaining.slice(take.length);
    }
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function renderSections(sections: PageSection[], labels: SendLabels): Body[] {
  // Row titles must be unique within the whole list message.
  const all = sections.flatMap((s) => s.options);
  const titles = uniqueTitles(
    all.map((e) => e.option.title),
    WHATSAPP.listRowTitle,
  );
  let k = 0;
  return sections.map((s) => {
    const rows = s.options.map((e) => {
      const description = e.option.description ? { description: truncate(e.option.description, WHATSAPP.listRowDescription) } : {};
      return { id: checkId(e.option, e.index, WHATSAPP.listRowId), title: titles[k++], ...description };
    });
    // Meta requires a title on every section once a list has more than one.
    const title = nonBlank(s.title) ?? (sections.length > 1 ? labels.listButton : undefined);
    return { ...(title !== undefined ? { title: truncate(title, WHATSAPP.listSectionTitle) } : {}), rows };
  });
}

/** Meta rejects blank labels: treat them as absent. */
function nonBlank(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s : undefined;
}

function checkId(option: ChoiceOption, index: number, limit: number): string {
  if (option.id === '' || option.id.length > limit) {
    throw new SendBuildError(`message.options[${index}].id`, `ids must be 1–${limit} characters, got ${option.id.length}`);
  }
  return option.id;
}
