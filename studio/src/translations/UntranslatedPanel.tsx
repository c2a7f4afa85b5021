import type { Flow } from '@parley/flow';
import { untranslated } from './untranslated';

/** The translation view: what still needs a translation, per node; click to edit it. */
export function UntranslatedPanel({ flow, onFocus }: { flow: Flow; onFocus: (nodeId: string) => void }) {
  const items = untranslated(flow);
  return (
    <section className="untranslated" aria-label="Missing translations">
      <h2>Translations</h2>
      {flow.languages.length < 2 ? (
        <p className="help">This flow has one language. Add languages in the flow settings (e.g. “en, es”) to translate it.</p>
      ) : items.length === 0 ? (
        <p className="ok">Everything is translated into {flow.languages.join(', ')}.</p>
      ) : (
        <ul>
          {items.map((m, i) => (
            <li key={i}>
              <button type="button" className="issue warning" onClick={() => onFocus(m.nodeId)}>
                <span className="issue-node">{m.nodeId}</span> {m.at}: “{m.text || '(empty)'}” — missing {m.missing.join(', ')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
