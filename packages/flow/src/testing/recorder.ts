/**
 * Records a live session (`parley chat`'s `/save`, a studio preview's "save as test") as a
 * transcript test: the trigger, the contact, the virtual start time, every user and bot turn,
 * and the HTTP/LLM answers the session got (as mocks), so the test replays it exactly.
 */
import type { EngineEvent, OutboundMessage } from '../engine/contract';
import type { PendingRequest } from './conversation';
import { isRetryable } from './mocks';
import type { FlowTest, HttpMock, LlmMock, StateExpectation, TestTurn, UserTurn } from './types';

export class TranscriptRecorder {
  private turns: TestTurn[] = [];
  private http: HttpMock[] = [];
  private llm: LlmMock[] = [];
  private trigger: FlowTest['trigger'];
  private contact: FlowTest['contact'];
  private startedAt = 0;

  reset(trigger: FlowTest['trigger'], contact: FlowTest['contact'], startedAt: number): void {
    this.turns = [];
    this.http = [];
    this.llm = [];
    this.trigger = trigger;
    this.contact = contact;
    this.startedAt = startedAt;
  }

  user(turn: UserTurn): void {
    this.turns.push(turn);
  }

  bot(message: OutboundMessage): void {
    switch (message.kind) {
      case 'text':
        this.turns.push({ bot: { text: message.text } });
        break;
      case 'choices':
        this.turns.push({ bot: { text: message.text, buttons: message.options.map((option) => option.title) } });
        break;
      case 'media':
        this.turns.push({ bot: { media: message.media.type } });
        break;
      case 'template':
        this.turns.push({ bot: { template: message.name } });
        break;
    }
  }

  /** One answered request becomes one mock; a retryable answer stays for the retries too. */
  answered(request: PendingRequest, answer: EngineEvent): void {
    if (request.type === 'http') {
      const match = { method: request.request.method, url: request.request.url };
      if (answer.type === 'http.done')
        this.http.push({ match, status: answer.status, body: answer.body, ...(isRetryable(answer) ? {} : { times: 1 }) });
      if (answer.type === 'http.failed') this.http.push({ match, error: answer.error });
      return;
    }
    // A failed LLM call needs no mock: an unanswered call fails the same way in a test.
    if (answer.type === 'llm.done') this.llm.push({ match: request.prompt.slice(0, 80), text: answer.text, times: 1 });
  }

  build(name: string, state: StateExpectation): FlowTest {
    const mocks = { ...(this.http.length ? { http: this.http } : {}), ...(this.llm.length ? { llm: this.llm } : {}) };
    return {
      name,
      ...(this.trigger ? { trigger: this.trigger } : {}),
      ...(this.contact ? { contact: this.contact } : {}),
      now: new Date(this.startedAt).toISOString(),
      ...(Object.keys(mocks).length ? { mocks } : {}),
      turns: [...this.turns, { expect: state }],
    };
  }
}
