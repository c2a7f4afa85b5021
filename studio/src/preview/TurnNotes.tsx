/**
 * The small lines under and between chat bubbles that say what happened: how a typed
 * message was understood (a tap is just the button it was), and what a web request or an
 * LLM call answered — a failure with its reason, since the flow then takes another path.
 */
import type { InboundMessage } from '@parley/flow';
import type { HttpEvent, LlmEvent, StateEvent } from './transcript';

type Understanding = NonNullable<StateEvent['understanding']>;

const TIER_WORDS: Record<string, string> = {
  structured: 'the reply buttons',
  rules: 'keywords and patterns',
  classifier: 'example sentences',
  llm: 'the AI model',
};

/** Under a user bubble: "button: Yes" for taps, the understanding for typed text, nothing otherwise. */
export function UserNote({ message, understanding }: { message: InboundMessage; understanding: Understanding | undefined }) {
  if (message.kind === 'button' || message.kind === 'list') {
    return (
      <p className="understanding">
        {message.kind === 'button' ? 'button' : 'list'}: {message.text ?? message.choiceId}
      </p>
    );
  }
  if (message.kind !== 'text' || !understanding) return null;
  return <UnderstandingLine u={understanding} />;
}

export function UnderstandingLine({ u }: { u: Understanding }) {
  const what = u.choice ? `the choice “${u.choice.id}”` : u.intent ? `“${u.intent}”` : null;
  if (!what) {
    return <p className="understanding not-understood">Not understood: no intent or choice of this flow matched.</p>;
  }
  const confidence = Math.round((u.choice?.confidence ?? u.confidence) * 100);
  const tier = TIER_WORDS[u.choice?.tier ?? u.tier];
  return (
    <p className="understanding">
      Understood as <strong>{what}</strong> · {confidence} % sure{tier ? ` · by ${tier}` : ''}
    </p>
  );
}

function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** A system line for a web request or LLM call: its failure and reason stand out. */
export function RequestLine({ event }: { event: HttpEvent | LlmEvent }) {
  if (event.type === 'http') {
    const target = `${event.request.method.toUpperCase()} ${where(event.request.url)}`;
    const r = event.result;
    if ('error' in r) {
      return (
        <li className="turn system request failed" role="note">
          Web request failed ({event.nodeId}): {target} — no answer: {r.error}
        </li>
      );
    }
    if (r.status >= 400) {
      return (
        <li className="turn system request failed" role="note">
          Web request failed ({event.nodeId}): {target} — HTTP {r.status}
        </li>
      );
    }
    return (
      <li className="turn system request">
        Web request ({event.nodeId}): {target} — HTTP {r.status}
      </li>
    );
  }
  const r = event.result;
  if ('error' in r)
    return (
      <li className="turn system request failed" role="note">
        AI answer failed ({event.nodeId}): {r.error}
      </li>
    );
  return <li className="turn system request">AI answered ({event.nodeId})</li>;
}
