import { expect, it } from 'vitest';
import { describeStores } from './harness';
import { asConversationId } from '../../conversation';

describeStores('TimerStore', (get) => {
  it('turns each due timer into exactly one inbox item carrying its sprint', async () => {
    const { inbox, conversations, timers } = get();
    const conv = asConversationId('t:whatsapp:u1');
    await inbox.append(conv, { kind: 'timer', timerId: 'seed', sprint: 0, receivedAt: 1 });
    const claim = (await inbox.claim(Date.now(), 30_000))!;
    await conversations.commit(
      claim,
      {
        popInbox: true,
        outbound: [],
        timersCancel: [],
        counters: [],
        sessionTtlSec: 60,
        timersSet: [
          { timerId: 'ask:n1', sprint: 4, dueAt: 1000 },
          { timerId: 'expire', sprint: 4, dueAt: 5000 },
        ],
      },
      1,
    );
    await inbox.release(claim, 1, 0);
    expect(await timers.fireDue(999, 10)).toBe(0);
    const [a, b] = await Promise.all([timers.fireDue(1000, 10), timers.fireDue(1000, 10)]);
    expect(a + b).toBe(1);
    expect(await inbox.peek(conv)).toEqual({ kind: 'timer', timerId: 'ask:n1', sprint: 4, receivedAt: 1000 });
    expect(await timers.nextDue()).toBe(5000);
    expect((await conversations.load(conv)).timers).toEqual({ expire: 4 });
    expect((await inbox.claim(2000, 30_000))?.conv).toBe(conv);
  });
});
