/**
 * Channel-neutral messages: what the engine reads (inbound, normalized from each channel's
 * webhook; a subset of schemas/message.schema.json) and what it sends (outbound, which the
 * channels turn into Graph API requests within Meta's limits). The simulator streams the
 * outbound ones to the studio and the CLI, so both are schemas.
 */
import { Type, type Static } from 'typebox';

export const MediaType = Type.Enum(['image', 'video', 'audio', 'document', 'sticker']);
export type MediaType = Static<typeof MediaType>;

/**
 * `reaction` and `unsupported` (edits, revokes, system notices, orders…) are events, not
 * replies: see `isUserEvent` in @parley/flow.
 */
export const InboundMessage = Type.Object({
  kind: Type.Enum(['text', 'button', 'list', 'media', 'location', 'contacts', 'reaction', 'unsupported']),
  text: Type.Optional(Type.String()),
  choiceId: Type.Optional(Type.String({ description: 'Button / list-row / quick-reply id the user picked' })),
  media: Type.Optional(
    Type.Object({
      type: MediaType,
      id: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
      mime: Type.Optional(Type.String()),
      caption: Type.Optional(Type.String()),
    }),
  ),
  location: Type.Optional(
    Type.Object({
      latitude: Type.Number(),
      longitude: Type.Number(),
      name: Type.Optional(Type.String()),
      address: Type.Optional(Type.String()),
    }),
  ),
});
export type InboundMessage = Static<typeof InboundMessage>;

export const ChoiceOption = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
});
export type ChoiceOption = Static<typeof ChoiceOption>;

/**
 * A button parameter's position among the template's buttons (0-based, Meta's `index`). Without it,
 * a button parameter's position in `params.buttons` is its index (legacy positional sends), which is
 * only right when every button before it also takes a parameter; renderers set it.
 */
const ButtonIndex = Type.Integer({ minimum: 0, maximum: 9 });

/**
 * One template parameter as sent: a plain string (legacy positional text; a quick-reply payload in
 * buttons), a named text (templates with named parameters), header media, or a header location.
 */
export const TemplateParam = Type.Union([
  Type.String(),
  Type.Object({ type: Type.Literal('text'), name: Type.Optional(Type.String()), text: Type.String() }),
  Type.Object({
    type: Type.Enum(['image', 'video', 'document']),
    name: Type.Optional(Type.String()),
    link: Type.String(),
    filename: Type.Optional(Type.String()),
  }),
  Type.Object({
    type: Type.Literal('location'),
    latitude: Type.Number(),
    longitude: Type.Number(),
    name: Type.Optional(Type.String()),
    address: Type.Optional(Type.String()),
  }),
  Type.Object({ type: Type.Literal('payload'), payload: Type.String(), index: Type.Optional(ButtonIndex) }),
  Type.Object({ type: Type.Literal('url'), text: Type.String(), index: Type.Optional(ButtonIndex) }),
  Type.Object({ type: Type.Literal('coupon_code'), code: Type.String(), index: Type.Optional(ButtonIndex) }),
]);
export type TemplateParam = Static<typeof TemplateParam>;

export const TemplateMessage = Type.Object({
  kind: Type.Literal('template'),
  name: Type.String(),
  language: Type.String(),
  params: Type.Object({
    header: Type.Optional(Type.Array(TemplateParam)),
    body: Type.Optional(Type.Array(TemplateParam)),
    buttons: Type.Optional(Type.Array(TemplateParam)),
  }),
  /** Set when the message came from a template in git: the send plane picks the lane from it and checks the status. */
  category: Type.Optional(Type.Enum(['marketing', 'utility', 'authentication'])),
  /** contentHash of the template language version this message was rendered from (the pin). */
  version: Type.Optional(Type.String()),
});
export type TemplateMessage = Static<typeof TemplateMessage>;

export const OutboundMessage = Type.Union([
  Type.Object({ kind: Type.Literal('text'), text: Type.String() }),
  Type.Object({
    kind: Type.Literal('media'),
    media: Type.Object({
      type: MediaType,
      url: Type.String(),
      caption: Type.Optional(Type.String()),
      filename: Type.Optional(Type.String()),
    }),
  }),
  Type.Object(
    {
      kind: Type.Literal('choices'),
      text: Type.String(),
      options: Type.Array(ChoiceOption),
      listButton: Type.Optional(Type.String()),
      sections: Type.Optional(Type.Array(Type.Object({ title: Type.Optional(Type.String()), optionIds: Type.Array(Type.String()) }))),
    },
    { description: 'A choice prompt: ≤3 options become reply buttons, ≤10 a list, more a paged list' },
  ),
  TemplateMessage,
]);
export type OutboundMessage = Static<typeof OutboundMessage>;
