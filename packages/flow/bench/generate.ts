/** A generated flow of N nodes in repeating blocks (ask → route → set → choice message → message). */
import type { Flow, FlowNode } from '../src/types';

export function generateFlow(size: number): Flow {
  const nodes: FlowNode[] = [];
  const blocks = Math.floor((size - 1) / 5);
  const tail = size - 1 - blocks * 5;
  for (let b = 0; b < blocks; b++) {
    const next = b + 1 < blocks ? `ask_${b + 1}` : tail > 0 ? 'tail_0' : 'finish';
    nodes.push(
      {
        id: `ask_${b}`,
        type: 'ask',
        prompt: `Question ${b}, {{contact.name}}?`,
        expect: 'text',
        saveAs: `answer_${b}`,
        maxRetries: 1,
        exits: { next: `route_${b}`, invalid: next },
      },
      {
        id: `route_${b}`,
        type: 'route',
        operand: `{{answer_${b}}}`,
        cases: [
          { id: 'words', test: { op: 'has_any_word', args: ['help support agent'] } },
          { id: 'big', test: { op: 'has_number_gt', args: [100] } },
        ],
        exits: { words: `set_${b}`, big: `menu_${b}`, default: `set_${b}` },
      },
      { id: `set_${b}`, type: 'set', assign: [{ variable: 'count', value: '{{ default(count, 0) + 1 }}' }], exits: { next: `menu_${b}` } },
      {
        id: `menu_${b}`,
        type: 'message',
        text: `Menu ${b}: pick one`,
        saveAs: 'pick',
        buttons: [
          { id: 'a', title: 'Alpha' },
          { id: 'b', title: 'Beta' },
          { id: 'c', title: 'Gamma' },
        ],
        exits: { a: `note_${b}`, b: `note_${b}`, c: next, other: `note_${b}` },
      },
      { id: `note_${b}`, type: 'message', text: `You picked {{pick}} ({{count}} so far)`, exits: { next } },
    );
  }
  for (let t = 0; t < tail; t++) {
    nodes.push({
      id: `tail_${t}`,
      type: 'message',
      text: `Almost done (${t + 1}/${tail})`,
      exits: { next: t + 1 < tail ? `tail_${t + 1}` : 'finish' },
    });
  }
  nodes.push({ id: 'finish', type: 'end', outcome: 'done' });
  return {
    id: `generated-${size}`,
    name: 'Generated',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'ask_0',
    variables: { count: { type: 'number' }, pick: { type: 'string' } },
    interrupts: [{ intent: 'help', target: 'finish', resume: false }],
    settings: { softTimeout: { after: '30m', node: 'finish' }, expireAfter: '1d' },
    nodes,
  };
}
