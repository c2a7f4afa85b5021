import { defineOperator } from './helpers';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

export const hasMedia = defineOperator({
  name: 'has_media',
  description: 'The message is a photo, video, audio, document or sticker (optionally only this type). The value is the media reference.',
  args: [{ name: 'type', type: 'string', description: `one of ${MEDIA_TYPES.join(', ')}`, optional: true }],
  checkArgs(args) {
    if (args.length === 0) return null;
    if (args.length > 1) return `has_media takes at most one media type, got ${args.length} arguments`;
    return MEDIA_TYPES.includes(String(args[0]))
      ? null
      : `has_media type must be one of ${MEDIA_TYPES.join(', ')}, got ${JSON.stringify(args[0])}`;
  },
  test(_operand, args, ctx) {
    const media = ctx.input?.kind === 'media' ? ctx.input.media : undefined;
    if (!media) return { match: false };
    if (args.length > 0 && media.type !== args[0]) return { match: false };
    return { match: true, value: media };
  },
  fixtures: [
    {
      operand: '',
      args: [],
      ctx: { input: { kind: 'media', media: { type: 'image', id: 'm1' } } },
      expected: { match: true, value: { type: 'image', id: 'm1' } },
    },
    { operand: '', args: ['document'], ctx: { input: { kind: 'media', media: { type: 'image', id: 'm1' } } }, expected: { match: false } },
    { operand: 'a photo', args: [], ctx: { input: { kind: 'text', text: 'a photo' } }, expected: { match: false } },
  ],
});
