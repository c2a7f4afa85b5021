import { understood } from './fixture-helpers';
import { defineOperator } from './helpers';

export const hasIntent = defineOperator({
  name: 'has_intent',
  description:
    'The message was understood as the intent. Without a minimum confidence the winning intent must be it; with one, any candidate at or above it counts.',
  args: [
    { name: 'intent', type: 'string', description: 'an intent declared in the flow' },
    { name: 'minConfidence', type: 'number', description: 'from 0 to 1', optional: true },
  ],
  checkArgs(args) {
    if (args.length < 1 || args.length > 2)
      return `has_intent takes an intent and an optional minimum confidence, got ${args.length} argument(s)`;
    if (typeof args[0] !== 'string' || args[0].trim() === '') return 'has_intent needs an intent name';
    if (args.length === 2) {
      const min = typeof args[1] === 'string' ? Number(args[1]) : args[1];
      if (typeof min !== 'number' || !(min >= 0 && min <= 1))
        return `has_intent minimum confidence must be a number from 0 to 1, got ${JSON.stringify(args[1])}`;
    }
    return null;
  },
  test(_operand, args, ctx) {
    const u = ctx.understanding;
    if (!u) return { match: false };
    const intent = String(args[0]);
    if (args.length < 2) return u.intent === intent ? { match: true, value: u.confidence } : { match: false };
    const min = Number(args[1]);
    if (u.intent === intent && u.confidence >= min) return { match: true, value: u.confidence };
    const candidate = u.candidates.find((c) => c.intent === intent && c.confidence >= min);
    return candidate ? { match: true, value: candidate.confidence } : { match: false };
  },
  fixtures: [
    {
      operand: 'where is my order',
      args: ['order_status'],
      ctx: { understanding: understood({ intent: 'order_status', confidence: 0.9 }) },
      expected: { match: true, value: 0.9 },
    },
    {
      operand: 'where is my order',
      args: ['order_status', 0.95],
      ctx: { understanding: understood({ intent: 'order_status', confidence: 0.9 }) },
      expected: { match: false },
    },
    {
      operand: 'cancel or track?',
      args: ['cancel', 0.4],
      ctx: {
        understanding: understood({
          intent: 'track',
          confidence: 0.5,
          candidates: [
            { intent: 'track', confidence: 0.5 },
            { intent: 'cancel', confidence: 0.45 },
          ],
        }),
      },
      expected: { match: true, value: 0.45 },
    },
    { operand: 'hi', args: ['greeting'], expected: { match: false } },
  ],
});
