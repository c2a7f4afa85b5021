import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { compileFlow, compileUncached } from './compile';
import { step } from './step';
import { Conversation, makeFlow } from './test-kit';

const help = { intent: 'help', confidence: 0.95 };

function interruptFlow(resume: boolean): Flow {
  return makeFlow(
    [
      { id: 'name', type: 'ask', prompt: 'Your name?', expect: 'text', saveAs: 'name', exits: { next: 'city' } },
      { id: 'city', type: 'ask', prompt: 'Your city, {{name}}?', expect: 'text', saveAs: 'city', exits: { next: 'done' } },
      { id: 'done', type: 'message', text: '{{name}} from {{city}}', exits: { next: null } },
      { id: 'help', type: 'message', text: 'Here is some help', exits: { next: 'help2' } },
      { id: 'help2', type: 'message', text: 'More help', exits: { next: null } },
      { id: 'stop', type: 'end', outcome: 'stopped' },
    ],
    {
      interrupts: [
        { intent: 'help', target: 'help', resume },
        { intent: 'stop', target: 'stop', resume: false },
      ],
    },
  );
}

describe('interrupts', () => {
  it('run the branch and resume at the wait the user was at, re-prompting', () => {
    const c = new Conversation(interruptFlow(true));
    c.start();
    c.say('Ana');
    expect(c.texts).toEqual(['Your city, Ana?']);
    c.say('help!', help);
    expect(c.texts).toEqual(['Here is some help', 'More help', 'Your city, Ana?']);
    expect(c.snapshot?.waitingAt).toBe('city');
    expect(c.of('analytics').find((a) => a.name === 'interrupt')).toMatchObject({ nodeId: 'city', data: { intent: 'help', resume: true } });
    c.say('Lima');
    expect(c.texts).toEqual(['Ana from Lima']);
    expect(c.vars).toMatchObject({ name: 'Ana', city: 'Lima' });
  });

  it('nest: an interrupt during an interrupt returns to the right place', () => {
    const flow = makeFlow(
      [
        { id: 'q', type: 'ask', prompt: 'Q?', expect: 'text', saveAs: 'a', exits: { next: null } },
        { id: 'h', type: 'ask', prompt: 'Help topic?', expect: 'text', saveAs: 'topic', exits: { next: null } },
      ],
      { interrupts: [{ intent: 'help', target: 'h', resume: true }] },
    );
    const c = new Conversation(flow);
    c.start();
    c.say('help', help);
    c.say('help', help);
    expect(c.snapshot?.frames[0]!.resume).toEqual([
      { node: 'q', reprompt: true },
      { node: 'h', reprompt: true },
    ]);
    c.say('billing');
    expect(c.texts).toEqual(['Help topic?']);
    c.say('billing');
    expect(c.texts).toEqual(['Q?']);
  });

  it('keeps the resume stack bounded however often the user interrupts', () => {
    const flow = makeFlow(
      [
        { id: 'q', type: 'ask', prompt: 'Q?', expect: 'text', saveAs: 'a', exits: { next: null } },
        { id: 'h', type: 'ask', prompt: 'Help topic?', expect: 'text', saveAs: 'topic', exits: { next: null } },
      ],
      { interrupts: [{ intent: 'help', target: 'h', resume: true }] },
    );
    const c = new Conversation(flow);
    c.start();
    for (let i = 0; i < 20; i++) c.say('help', help);
    expect(c.snapshot?.frames[0]!.resume).toEqual([
      { node: 'q', reprompt: true },
      { node: 'h', reprompt: true },
    ]);
    c.say('billing');
    c.say('billing');
    expect(c.texts).toEqual(['Q?']);
  });

  it('an interrupt without resume drops earlier return points', () => {
    const flow = makeFlow(
      [
        { id: 'q', type: 'ask', prompt: 'Q?', expect: 'text', saveAs: 'a', exits: { next: null } },
        { id: 'h', type: 'ask', prompt: 'Help topic?', expect: 'text', saveAs: 'topic', exits: { next: null } },
        { id: 'menu', type: 'message', text: 'Main menu', exits: { next: null } },
      ],
      {
        interrupts: [
          { intent: 'help', target: 'h', resume: true },
          { intent: 'menu', target: 'menu', resume: false },
        ],
      },
    );
    const c = new Conversation(flow);
    c.start();
    c.say('help', help);
    c.say('menu', { intent: 'menu', confidence: 1 });
    expect(c.texts).toEqual(['Main menu']);
    expect(c.snapshot?.status).toBe('ended');
  });

  it('without resume, the branch ending ends the session', () => {
    const c = new Conversation(interruptFlow(false));
    c.start();
    c.say('help', help);
    expect(c.texts).toEqual(['Here is some help', 'More help']);
    expect(c.snapshot?.status).toBe('ended');
  });

  it('can end the session outright', () => {
    const c = new Conversation(interruptFlow(true));
    c.start();
    c.say('stop', { intent: 'stop', confidence: 1 });
    expect(c.snapshot).toMatchObject({ status: 'ended', outcome: 'stopped' });
  });
});

describe('timers', () => {
  const flow = makeFlow(
    [
      { id: 'q', type: 'ask', prompt: 'Ready?', expect: 'text', saveAs: 'a', exits: { next: 'done' } },
      { id: 'done', type: 'message', text: 'Great', exits: { next: null } },
      { id: 'nudge', type: 'message', text: 'Still there?', exits: { next: null } },
    ],
    { settings: { softTimeout: { after: '15m', node: 'nudge' }, expireAfter: '1d' } },
  );

  it('soft timeout nudges once, then waits again without repeating the prompt', () => {
    const c = new Conversation(flow);
    c.start();
    expect(c.of('timer.schedule').map((t) => [t.timerId, t.delayMs])).toEqual([
      ['soft_timeout', 900_000],
      ['expire', 86_400_000],
    ]);
    c.fire('soft_timeout');
    expect(c.texts).toEqual(['Still there?']);
    expect(c.snapshot?.waitingAt).toBe('q');
    expect(c.snapshot?.timers.soft_timeout).toBeUndefined();
    c.say('yes');
    expect(c.texts).toEqual(['Great']);
  });

  it('ignores stale timers: wrong sprint or no longer scheduled', () => {
    const c = new Conversation(flow);
    c.start();
    const sprint = c.snapshot!.timers.soft_timeout!;
    expect(c.fire('soft_timeout', sprint + 7)).toEqual([]);
    c.say('yes');
    const before = c.snapshot;
    expect(c.fire('soft_timeout', sprint)).toEqual([]);
    expect(c.snapshot).toEqual(before);
  });

  it('expires the session after the expiry timer', () => {
    const c = new Conversation(flow);
    c.start();
    c.fire('expire');
    expect(c.snapshot).toMatchObject({ status: 'expired', outcome: 'expired', timers: {} });
    expect(c.of('end')).toEqual([{ type: 'end', outcome: 'expired' }]);
    expect(c.of('timer.cancel')).toEqual([{ type: 'timer.cancel', timerId: 'soft_timeout' }]);
  });

  it('a start on an active session restarts it and cancels its timers', () => {
    const c = new Conversation(flow);
    c.start();
    c.start();
    expect(c.of('timer.cancel')).toEqual([]); // re-scheduled under the same ids in the same step
    expect(c.of('timer.schedule').every((t) => t.sprint === 2)).toBe(true);
    expect(c.texts).toEqual(['Ready?']);
    expect(c.snapshot?.sprint).toBe(2);
  });
});

describe('safety', () => {
  it('caps a loop without a wait and parks the session', () => {
    const flow = makeFlow([
      { id: 'a', type: 'set', assign: [{ variable: 'i', value: '{{ default(i, 0) + 1 }}' }], exits: { next: 'b' } },
      { id: 'b', type: 'route', cases: [], exits: { default: 'a' } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.snapshot?.status).toBe('errored');
    expect(c.of('error')[0]).toMatchObject({ code: 'transition_cap' });
    const d = new Conversation(flow, { maxTransitions: 10 });
    d.start();
    expect(d.of('error')[0]!.message).toMatch(/more than 10 transitions/);
  });

  it('counts every node that does not wait against the cap, across an event and its chain', () => {
    const flow = makeFlow([
      { id: 'm1', type: 'message', text: 'one', exits: { next: 'm2' } },
      { id: 'm2', type: 'message', text: 'two', exits: { next: 'm3' } },
      { id: 'm3', type: 'message', text: 'three', exits: { next: 'q' } },
      { id: 'q', type: 'ask', prompt: 'Name?', expect: 'text', saveAs: 'name', exits: { next: 'm1' } },
    ]);
    // start = boot → m1 → m2 → m3 → q: four transitions.
    const fits = new Conversation(flow, { maxTransitions: 4 });
    fits.start();
    expect(fits.snapshot?.status).toBe('waiting');
    expect(fits.texts).toEqual(['one', 'two', 'three', 'Name?']);
    const short = new Conversation(flow, { maxTransitions: 3 });
    short.start();
    expect(short.of('error')[0]).toMatchObject({ code: 'transition_cap', nodeId: 'm3' });
    // A reply = q → m1 → m2 → m3 → q: the message event and three eventless hops.
    fits.say('Ana');
    expect(fits.snapshot?.status).toBe('waiting');
    const tight = new Conversation(flow, { maxTransitions: 4 });
    tight.start();
    tight.say('Ana');
    expect(tight.of('error')).toEqual([]);
  });

  it('never throws on bad input', () => {
    const flow = makeFlow([{ id: 'm', type: 'message', text: 'x', exits: { next: 'missing' } }]);
    const broken = step(flow, null, { type: 'start' });
    expect(broken.snapshot.status).toBe('errored');
    expect(broken.effects[0]).toMatchObject({ type: 'error', code: 'compile', nodeId: 'm' });
    expect(broken.effects[0]).toMatchObject({ message: expect.stringContaining('/nodes/0/exits/next') });
    const ok = makeFlow([{ id: 'm', type: 'message', text: 'x', exits: { next: null } }]);
    expect(step(ok, null, { type: 'message', message: { kind: 'text', text: 'hi' } }).effects[0]).toMatchObject({ code: 'no_session' });
    expect(step(ok, { nonsense: true } as never, { type: 'message', message: { kind: 'text', text: 'hi' } }).effects[0]).toMatchObject({
      code: 'bad_snapshot',
    });
    expect(step(ok, null, { type: 'bogus' } as never).effects[0]).toMatchObject({ type: 'error' });
    expect(step(null as never, null, null as never).snapshot.status).toBe('errored');
  });

  it('names the missing node when a snapshot outlives its flow revision', () => {
    const v1 = makeFlow([{ id: 'q', type: 'ask', prompt: 'Q?', expect: 'text', saveAs: 'a', exits: { next: null } }]);
    const c = new Conversation(v1);
    c.start();
    const v2 = makeFlow([{ id: 'q2', type: 'ask', prompt: 'Q?', expect: 'text', saveAs: 'a', exits: { next: null } }], { revision: 2 });
    const result = step(v2, c.snapshot, { type: 'message', message: { kind: 'text', text: 'x' } });
    expect(result.snapshot.status).toBe('errored');
    expect(result.effects.at(-1)).toMatchObject({
      type: 'error',
      code: 'node_missing',
      nodeId: 'q',
      message: expect.stringContaining('revision 2'),
    });
  });

  it('gives every send a deterministic idempotency key', () => {
    const flow = interruptFlow(true);
    const run = () => {
      const c = new Conversation(flow);
      c.start();
      c.say('Ana');
      return c.of('send').map((s) => s.key);
    };
    expect(run()).toEqual(['test:2:0']);
    expect(run()).toEqual(run());
  });
});

describe('compile', () => {
  it('is deterministic and cached by content', () => {
    const flow = interruptFlow(true);
    const a = compileUncached(flow);
    const b = compileUncached(JSON.parse(JSON.stringify(flow)) as Flow);
    expect(JSON.stringify(a.compiled?.states)).toBe(JSON.stringify(b.compiled?.states));
    expect(a.compiled?.hash).toBe(b.compiled?.hash);
    const first = compileFlow(flow).compiled;
    expect(compileFlow(JSON.parse(JSON.stringify(flow)) as Flow).compiled).toBe(first);
    expect(compileFlow({ ...flow, revision: 2 }).compiled).not.toBe(first);
  });

  it('names the node and path of what it cannot compile', () => {
    expect(compileUncached(makeFlow([{ id: 'w', type: 'wait', duration: 'soon', exits: { next: null } }])).error).toMatchObject({
      nodeId: 'w',
      path: '/nodes/0/duration',
    });
    expect(compileUncached({ ...makeFlow([{ id: 'e', type: 'end' }]), start: 'nope' }).error?.path).toBe('/start');
  });

  it('handles node ids that are not valid state keys', () => {
    const flow = makeFlow([
      { id: 'ask.name#1', type: 'ask', prompt: 'Name?', expect: 'text', saveAs: 'n', exits: { next: 'say it' } },
      { id: 'say it', type: 'message', text: 'Hi {{n}}', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.snapshot?.waitingAt).toBe('ask.name#1');
    c.say('Bo');
    expect(c.texts).toEqual(['Hi Bo']);
  });
});
