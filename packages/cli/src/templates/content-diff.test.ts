import type { TemplateFile } from '@parley/templates';
import { describe, expect, it } from 'vitest';
import { contentDiff } from './content-diff';

const file: TemplateFile = {
  name: 'order_update',
  category: 'utility',
  parameters: {
    order_id: { type: 'text', example: '123456', pattern: '^[0-9]+$' },
    code: { type: 'text', example: 'JD1' },
  },
  languages: {
    en: {
      body: 'Your order {{order_id}} has shipped. Questions? Just reply to this message.',
      buttons: [
        { type: 'url', text: 'Track package', url: 'https://shop.example.com/track/{{code}}' },
        { type: 'quick_reply', text: 'Talk to a person', payload: 'talk_to_person' },
      ],
    },
  },
};

describe('contentDiff', () => {
  it('shows only what Meta reviews: a pulled copy (other parameter names, no payloads or patterns) has no changed lines', () => {
    const pulled: TemplateFile = {
      ...file,
      parameters: { order_id: { type: 'text', example: '123456' }, url_suffix: { type: 'text', example: 'JD1' } },
      languages: {
        en: {
          body: file.languages.en!.body!,
          buttons: [
            { type: 'url', text: 'Track package', url: 'https://shop.example.com/track/{{url_suffix}}' },
            { type: 'quick_reply', text: 'Talk to a person' },
          ],
        },
      },
    };
    expect(contentDiff(pulled, file, 'en').filter((line) => /^[-+]/.test(line))).toEqual([]);
  });

  it("marks Meta's lines - and the file's +", () => {
    const edited: TemplateFile = { ...file, languages: { en: { ...file.languages.en!, footer: 'Reply STOP to opt out' } } };
    const lines = contentDiff(file, edited, 'en');
    expect(lines).toContain('+   "footer": "Reply STOP to opt out",');
    expect(lines.filter((line) => line.startsWith('-'))).toEqual([]);
  });
});
