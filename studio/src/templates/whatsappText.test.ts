import { describe, expect, it } from 'vitest';
import { whatsappSpans } from './whatsappText';

describe('whatsappSpans', () => {
  it('reads bold, italic, strikethrough and monospace like WhatsApp', () => {
    expect(whatsappSpans('Hi *Maya*, _soon_ ~old~ ```code```!')).toEqual([
      { style: 'plain', text: 'Hi ' },
      { style: 'bold', text: 'Maya' },
      { style: 'plain', text: ', ' },
      { style: 'italic', text: 'soon' },
      { style: 'plain', text: ' ' },
      { style: 'strike', text: 'old' },
      { style: 'plain', text: ' ' },
      { style: 'mono', text: 'code' },
      { style: 'plain', text: '!' },
    ]);
  });

  it('leaves markers that do not hug text alone', () => {
    expect(whatsappSpans('2 * 3 * 4')).toEqual([{ style: 'plain', text: '2 * 3 * 4' }]);
    expect(whatsappSpans('snake_case_name')).toEqual([{ style: 'plain', text: 'snake_case_name' }]);
    expect(whatsappSpans('(*yes*)')).toEqual([
      { style: 'plain', text: '(' },
      { style: 'bold', text: 'yes' },
      { style: 'plain', text: ')' },
    ]);
    expect(whatsappSpans('')).toEqual([]);
  });
});
