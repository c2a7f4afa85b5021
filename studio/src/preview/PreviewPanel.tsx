/**
 * A WhatsApp-like chat against the runtime's simulator channel, running the
 * current draft. Bot turns can be expanded for the node, variables and how the
 * user's message was understood. The node the session waits at is reported up
 * so the canvas can highlight it.
 */
import { AlarmClock, Ban, FileText, List, MapPin, Paperclip, RotateCcw, Save, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Flow, InboundMessage, OutboundMessage } from '@parley/flow';
import { ApiError, type ApiClient } from '../api/client';
import { openSse, type SseHandle } from '../api/sse';
import { PromptDialog } from '../ui/PromptDialog';
import { stateForTurn, toTranscriptTest, type ChatTurn, type HttpEvent, type LlmEvent, type StateEvent } from './transcript';
import { RequestLine, UnderstandingLine, UserNote } from './TurnNotes';
import { sessionWindow } from '../api/simulatorWindow';
import { WindowBar } from './WindowBar';
import { sendsWhenClosed } from './window';
import type { ConversationWindow } from '@parley/contract/api';

interface Props {
  api: ApiClient;
  flow: Flow;
  onActiveNode: (nodeId: string | null, visited: string[]) => void;
  onClose: () => void;
}

export function PreviewPanel({ api, flow, onActiveNode, onClose }: Props) {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [state, setState] = useState<StateEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const session = useRef<{ id: string; sse: SseHandle } | null>(null);
  /** When the session began: a saved test's clock starts there. */
  const startedAt = useRef(new Date());
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const log = useRef<HTMLOListElement>(null);
  // The 24-hour window: when the customer last wrote, what the runtime says, and the "24 h later" switch.
  const [lastUserAt, setLastUserAt] = useState<number | null>(null);
  const [serverWindow, setServerWindow] = useState<ConversationWindow | null>(null);
  const [later, setLater] = useState(false);
  const laterRef = useRef(false);
  laterRef.current = later;
  /** A test saved from a chat that jumped a day ahead would replay without the jump: not offered then. */
  const [jumped, setJumped] = useState(false);

  const onEvent = useCallback(
    (e: unknown) => {
      const ev = e as { type?: string };
      if (ev.type === 'bot') {
        const b = e as { message: OutboundMessage; nodeId?: string };
        // Under "24 h later" the window is closed: only templates reach the customer.
        const held = laterRef.current && !sendsWhenClosed(b.message);
        setTurns((t) => [
          ...t,
          { from: 'bot', message: b.message, nodeId: b.nodeId, ...(held ? { notSent: 'window_closed' as const } : {}) },
        ]);
      } else if (ev.type === 'state') {
        const s = e as StateEvent;
        setState(s);
        onActiveNode(s.waitingAt ?? null, s.visited ?? []);
        setTurns((t) => [...t, { from: 'state', state: s }]);
        const sid = session.current?.id;
        if (sid) void sessionWindow(api, sid).then((w) => session.current?.id === sid && setServerWindow(w));
      } else if (ev.type === 'http' || ev.type === 'llm') {
        const r = e as HttpEvent | LlmEvent;
        setTurns((t) =>
          t.some((x) => (x.from === 'http' || x.from === 'llm') && x.event.requestId === r.requestId)
            ? t
            : [...t, r.type === 'http' ? { from: 'http', event: r } : { from: 'llm', event: r }],
        );
      } else if (ev.type === 'handoff') {
        // Live, an agent is asked here; the preview asks no one (it never reaches the agent desk).
        const h = e as { queue?: string; reason?: string };
        const where = h.queue ? ` (queue “${h.queue}”)` : '';
        setTurns((t) => [
          ...t,
          {
            from: 'system',
            text: `Handed over to a person${where}${h.reason ? `: ${h.reason}` : ''}. In a live chat an agent takes over here; the preview notifies no agent.`,
          },
        ]);
      } else if (ev.type === 'error') {
        setError((e as { message?: string }).message ?? 'The flow stopped with an error.');
      }
    },
    [api, onActiveNode],
  );

  /** Opens a session on the current draft. Safe to call twice in a row: only the newest stays open. */
  const start = useCallback(() => {
    let cancelled = false;
    session.current?.sse.close();
    session.current = null;
    setTurns([]);
    setState(null);
    setError(null);
    setLastUserAt(null);
    setServerWindow(null);
    setLater(false);
    setJumped(false);
    onActiveNode(null, []);
    startedAt.current = new Date();
    api.createSession(flowRef.current.id, flowRef.current).then(
      ({ sessionId }) => {
        if (cancelled) return;
        const { url, headers } = api.eventsRequest(sessionId);
        session.current = { id: sessionId, sse: openSse(api.fetcher, url, headers, onEvent, setError) };
      },
      (e) => {
        if (cancelled) return;
        const issues =
          (e instanceof ApiError &&
            (e.body as { error?: { details?: { issues?: Array<{ message: string }> } }; issues?: Array<{ message: string }> })) ||
          undefined;
        const first = issues?.issues?.[0]?.message ?? issues?.error?.details?.issues?.[0]?.message;
        setError(e instanceof ApiError ? `${e.message}${first ? ` — ${first}` : ''}` : 'Could not start the preview.');
      },
    );
    return () => {
      cancelled = true;
      session.current?.sse.close();
      session.current = null;
    };
  }, [api, onEvent, onActiveNode]);

  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => {
    cleanup.current = start();
    return () => cleanup.current?.();
  }, [start]);

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [turns]);

  const send = async (message: InboundMessage, label: string) => {
    if (!session.current) return;
    setTurns((t) => [
      ...t,
      // The customer writing opens the window again.
      ...(laterRef.current ? [{ from: 'system' as const, text: 'The customer wrote: the 24-hour window is open again.' }] : []),
      { from: 'user', message, label },
    ]);
    setLastUserAt(Date.now());
    setLater(false);
    try {
      await api.sendMessage(session.current.id, message);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The message could not be sent.');
    }
  };

  const fireTimeout = async () => {
    if (!session.current) return;
    try {
      setTurns((t) => [...t, { from: 'user-timeout' }]);
      await api.fireTimeout(session.current.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The preview did not answer.');
    }
  };

  /** Start over in a new session on the current draft, so edits made meanwhile are in it too. */
  const restart = () => {
    cleanup.current?.();
    cleanup.current = start();
    setTurns([{ from: 'system', text: 'Conversation restarted' }]);
  };

  const shareLocation = () => {
    const location = { latitude: 52.52, longitude: 13.405, name: 'Test location' };
    void send({ kind: 'location', location }, 'Test location');
  };

  const [naming, setNaming] = useState(false);
  const saveAsTest = async (name: string) => {
    setNaming(false);
    if (!name) return;
    try {
      await api.addTest(flow.id, toTranscriptTest(name, turns, state ?? undefined, startedAt.current));
      setNotice(`Saved as test “${name}” in flows/${flow.id}.test.json`);
    } catch (e) {
      setNotice(null);
      setError(e instanceof ApiError ? e.message : 'The test could not be saved.');
    }
  };

  const jumpDay = (on: boolean) => {
    setLater(on);
    if (on) setJumped(true);
    setTurns((t) => [
      ...t,
      {
        from: 'system',
        text: on
          ? '24 hours later: the window has closed. Only templates reach the customer; other messages are not sent.'
          : 'Back to now.',
      },
    ]);
  };

  const lastBot = [...turns].reverse().find((t) => t.from === 'bot');
  const waiting = state?.status === 'waiting' || state?.status === 'active';
  return (
    <section className="side-panel preview" aria-label="Preview chat">
      <header>
        <h2>Preview</h2>
        <span className="status" aria-live="polite">
          {state ? statusText(state) : 'Connecting…'}
        </span>
        <button type="button" onClick={onClose} aria-label="Close preview">
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <WindowBar lastUserAt={lastUserAt} server={serverWindow} later={later} onLater={jumpDay} />
      <ol className="chat" ref={log} aria-live="polite" aria-label="Conversation">
        {turns.map((t, i) =>
          t.from === 'state' ? null : (
            <Turn key={i} turn={t} state={stateForTurn(turns, i)} onChoose={send} interactive={t === lastBot && waiting} />
          ),
        )}
      </ol>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          void send({ kind: 'text', text }, text);
          setText('');
        }}
      >
        <label htmlFor="preview-input" className="sr-only">
          Message
        </label>
        <input id="preview-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="Type a message" autoComplete="off" />
        <button type="submit">Send</button>
      </form>
      <div className="preview-actions">
        <button type="button" onClick={shareLocation}>
          <MapPin size={14} aria-hidden="true" /> Share location
        </button>
        <button type="button" onClick={fireTimeout}>
          <AlarmClock size={14} aria-hidden="true" /> Fire timeout
        </button>
        <button type="button" onClick={restart}>
          <RotateCcw size={14} aria-hidden="true" /> Restart
        </button>
        <button
          type="button"
          onClick={() => setNaming(true)}
          disabled={jumped || !turns.some((t) => t.from === 'bot')}
          title={jumped ? 'A chat that jumped 24 hours ahead cannot be replayed as a test.' : undefined}
        >
          <Save size={14} aria-hidden="true" /> Save as test
        </button>
      </div>
      {naming && (
        <PromptDialog
          title="Save as test"
          label="Test name"
          confirm="Save test"
          initial={`preview ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`}
          help={`Added to flows/${flow.id}.test.json; parley test and CI will replay it.`}
          onConfirm={(name) => void saveAsTest(name)}
          onCancel={() => setNaming(false)}
        />
      )}
    </section>
  );
}

function statusText(s: StateEvent): string {
  if (s.status === 'waiting') return `Waiting at ${s.waitingAt ?? '…'}`;
  if (s.status === 'ended') return 'Conversation ended';
  if (s.status === 'handoff') return 'With a human agent';
  return s.status;
}

function Turn({
  turn,
  state,
  onChoose,
  interactive,
}: {
  turn: Exclude<ChatTurn, { from: 'state' }>;
  state: StateEvent | undefined;
  onChoose: (m: InboundMessage, label: string) => void;
  interactive: boolean;
}) {
  const [listOpen, setListOpen] = useState(false);
  if (turn.from === 'http' || turn.from === 'llm') return <RequestLine event={turn.event} />;
  if (turn.from === 'system') return <li className="turn system">{turn.text}</li>;
  if (turn.from === 'user-timeout')
    return (
      <li className="turn system">
        <AlarmClock size={12} aria-hidden="true" /> No reply (timeout fired)
      </li>
    );
  if (turn.from === 'user') {
    return (
      <li className="turn user">
        <div className="bubble">{turn.label}</div>
        <UserNote message={turn.message} understanding={state?.understanding} />
      </li>
    );
  }
  const m = turn.message;
  return (
    <li className={`turn bot${turn.notSent ? ' not-sent' : ''}`} data-node={turn.nodeId}>
      {turn.notSent && (
        <p className="not-sent-note">
          <Ban size={12} aria-hidden="true" /> Not sent: the 24-hour window is closed, only templates go.
        </p>
      )}
      <div className="bubble">
        {m.kind === 'text' && <p>{m.text}</p>}
        {m.kind === 'media' && (
          <p>
            <Paperclip size={12} aria-hidden="true" /> {m.media.type}
            {m.media.caption ? `: ${m.media.caption}` : ''}
          </p>
        )}
        {m.kind === 'template' && (
          <>
            <p>
              <FileText size={12} aria-hidden="true" /> Template <code>{m.name}</code> ({m.language})
            </p>
            <TemplateParams message={m} />
          </>
        )}
        {m.kind === 'choices' && (
          <>
            <p>{m.text}</p>
            {m.options.length <= 3 ? (
              <div className="wa-buttons">
                {m.options.map((o) => (
                  <button
                    key={o.id}
                    type="button"
                    disabled={!interactive}
                    onClick={() => onChoose({ kind: 'button', choiceId: o.id, text: o.title }, o.title)}
                  >
                    {o.title}
                  </button>
                ))}
              </div>
            ) : (
              <div className="wa-list">
                <button type="button" disabled={!interactive} aria-expanded={listOpen} onClick={() => setListOpen((o) => !o)}>
                  <List size={14} aria-hidden="true" /> {m.listButton ?? 'Choose'}
                </button>
                {listOpen && (
                  <ul role="listbox" aria-label={m.listButton ?? 'Choices'}>
                    {m.options.map((o) => (
                      <li
                        key={o.id}
                        role="option"
                        aria-selected={false}
                        tabIndex={0}
                        onClick={() => {
                          setListOpen(false);
                          onChoose({ kind: 'list', choiceId: o.id, text: o.title }, o.title);
                        }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            setListOpen(false);
                            onChoose({ kind: 'list', choiceId: o.id, text: o.title }, o.title);
                          }
                        }}
                      >
                        <strong>{o.title}</strong>
                        {o.description && <span>{o.description}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </>
        )}
      </div>
      <details className="turn-details">
        <summary>Details{turn.nodeId ? ` · ${turn.nodeId}` : ''}</summary>
        {state ? (
          <>
            <p>
              Status: {state.status}
              {state.waitingAt ? ` at ${state.waitingAt}` : ''}
            </p>
            {state.understanding && <UnderstandingLine u={state.understanding} />}
            <p>Variables:</p>
            <pre className="vars">{JSON.stringify(state.variables, null, 2)}</pre>
          </>
        ) : (
          <p>No details yet.</p>
        )}
      </details>
    </li>
  );
}

/** The named values a template went out with (what the customer sees filled in). */
function TemplateParams({ message }: { message: Extract<OutboundMessage, { kind: 'template' }> }) {
  // A parameter used in the header and the body goes out twice; it is one value.
  const named = new Map<string, string>();
  for (const p of [...(message.params.header ?? []), ...(message.params.body ?? []), ...(message.params.buttons ?? [])])
    if (typeof p === 'object' && p.type === 'text' && p.name) named.set(p.name, p.text);
  if (!named.size) return null;
  return <p className="template-values">{[...named].map(([name, text]) => `${name}: ${text}`).join(' · ')}</p>;
}
