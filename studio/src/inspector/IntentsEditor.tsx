/**
 * Intents: examples (train the classifier), keywords (the rules tier) and
 * patterns, per language — plus a "try a sentence" box that asks the runtime's
 * understanding tiers what they make of a sentence against the current draft.
 */
import { useEffect, useId, useState } from 'react';
import type { Flow, IntentDecl } from '@parley/flow';
import type { Understanding } from '@parley/contract';
import { ApiError } from '../api/client';

interface Props {
  flow: Flow;
  onChange: (intents: IntentDecl[] | undefined) => void;
  tryNlu: (text: string) => Promise<Understanding>;
}

export function IntentsEditor({ flow, onChange, tryNlu }: Props) {
  const intents = flow.intents ?? [];
  const languages = flow.languages.length ? flow.languages : ['en'];
  const set = (i: number, next: IntentDecl | null) => {
    const list = next === null ? intents.filter((_x, k) => k !== i) : intents.map((x, k) => (k === i ? next : x));
    onChange(list.length ? list : undefined);
  };
  return (
    <section className="intents" aria-label="Intents">
      <h3>Intents</h3>
      <p className="help">What customers may mean. Give a few example sentences and keywords per language.</p>
      {intents.map((intent, i) => (
        <IntentCard key={i} intent={intent} languages={languages} onChange={(n) => set(i, n)} />
      ))}
      <button
        type="button"
        onClick={() => {
          let n = intents.length + 1;
          while (intents.some((x) => x.name === `intent_${n}`)) n++;
          onChange([...intents, { name: `intent_${n}`, examples: { [languages[0]!]: [] } }]);
        }}
      >
        + Add intent
      </button>
      <TrySentence tryNlu={tryNlu} />
    </section>
  );
}

function IntentCard({
  intent,
  languages,
  onChange,
}: {
  intent: IntentDecl;
  languages: string[];
  onChange: (i: IntentDecl | null) => void;
}) {
  const id = useId();
  const perLang = (field: 'examples' | 'keywords', lang: string, text: string) => {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const map = { ...(intent[field] ?? {}) };
    if (lines.length) map[lang] = lines;
    else delete map[lang];
    const next = { ...intent };
    if (Object.keys(map).length) next[field] = map;
    else delete next[field];
    onChange(next);
  };
  return (
    <details className="intent-card" open={!intent.examples && !intent.keywords}>
      <summary>{intent.name}</summary>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={intent.name} onChange={(e) => onChange({ ...intent, name: e.target.value })} />
      </div>
      {languages.map((lang) => (
        <div className="intent-lang" key={lang}>
          <LinesField
            id={`${id}-ex-${lang}`}
            label={`Examples (${lang})`}
            value={intent.examples?.[lang] ?? []}
            onChange={(t) => perLang('examples', lang, t)}
          />
          <LinesField
            id={`${id}-kw-${lang}`}
            label={`Keywords (${lang})`}
            value={intent.keywords?.[lang] ?? []}
            onChange={(t) => perLang('keywords', lang, t)}
          />
        </div>
      ))}
      <LinesField
        id={`${id}-pat`}
        label="Patterns (regular expressions)"
        value={intent.patterns ?? []}
        onChange={(t) => {
          const lines = t
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          const next = { ...intent };
          if (lines.length) next.patterns = lines;
          else delete next.patterns;
          onChange(next);
        }}
      />
      <button type="button" className="danger" onClick={() => onChange(null)}>
        Delete intent “{intent.name}”
      </button>
    </details>
  );
}

function LinesField({ id, label, value, onChange }: { id: string; label: string; value: string[]; onChange: (t: string) => void }) {
  const [text, setText] = useState(value.join('\n'));
  // Follow outside changes (undo/redo) without fighting the half-typed blank lines of this box.
  const joined = value.join('\n');
  useEffect(() => {
    setText((t) =>
      t
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n') === joined
        ? t
        : joined,
    );
  }, [joined]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        placeholder="One per line"
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
    </div>
  );
}

function TrySentence({ tryNlu }: { tryNlu: (text: string) => Promise<Understanding> }) {
  const id = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<Understanding | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await tryNlu(text));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : 'Could not reach the understanding service.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="try-sentence">
      <label htmlFor={id}>Try a sentence</label>
      <div className="row">
        <input
          id={id}
          value={text}
          placeholder="e.g. where is my order?"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && run()}
        />
        <button type="button" onClick={run} disabled={busy}>
          {busy ? 'Checking…' : 'Try'}
        </button>
      </div>
      {error && (
        <p className="field-issues error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <dl className="nlu-result" aria-live="polite">
          <dt>Intent</dt>
          <dd>{result.intent ?? 'not understood'}</dd>
          <dt>Confidence</dt>
          <dd>{Math.round(result.confidence * 100)}%</dd>
          <dt>Understood by</dt>
          <dd>{result.tier}</dd>
          {result.candidates.length > 1 && (
            <>
              <dt>Also considered</dt>
              <dd>
                {result.candidates
                  .slice(1, 4)
                  .map((c) => `${c.intent} ${Math.round(c.confidence * 100)}%`)
                  .join(', ')}
              </dd>
            </>
          )}
          {result.reasons.length > 0 && (
            <>
              <dt>Why</dt>
              <dd>{result.reasons.join('; ')}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
