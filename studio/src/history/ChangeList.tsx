/**
 * The change list between two versions: one row per step that was added, removed or
 * changed (fields, moved connections). A row opens its step on the canvas.
 */
import type { FlowChanges, EdgeChange } from './changes';
import { humanize } from '../inspector/schema';

const KIND_WORDS = { added: 'added', removed: 'removed', changed: 'changed' } as const;

function target(t: string | null | undefined): string {
  if (t === undefined) return 'nothing';
  if (t === null) return 'the end';
  return t;
}

function edgeText(e: EdgeChange): string {
  return `“${e.exit}” now goes to ${target(e.to)} (was ${target(e.from)})`;
}

export function ChangeList({ changes, onFocus }: { changes: FlowChanges; onFocus?: (nodeId: string) => void }) {
  if (!changes.nodes.length && !changes.settings.length) return <p className="help">No changes.</p>;
  return (
    <ul className="change-list" aria-label="Changes by step">
      {changes.nodes.map((c) => (
        <li key={c.nodeId} className={`change ${c.kind}`} data-testid={`change-${c.nodeId}`}>
          {c.kind !== 'removed' && onFocus ? (
            <button type="button" className="link" onClick={() => onFocus(c.nodeId)}>
              {c.nodeId}
            </button>
          ) : (
            <span className="node-id">{c.nodeId}</span>
          )}{' '}
          <span className="meta">({c.type})</span> <strong className="change-kind">{KIND_WORDS[c.kind]}</strong>
          {c.kind === 'changed' && c.fields.length > 0 && <span>: {c.fields.map(humanize).join(', ')}</span>}
          {c.edges.length > 0 && c.kind !== 'removed' && (
            <ul className="edge-changes">
              {c.edges.map((e) => (
                <li key={e.exit}>{edgeText(e)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
      {changes.settings.length > 0 && (
        <li className="change changed">
          Flow settings <strong className="change-kind">changed</strong>: {changes.settings.map(humanize).join(', ')}
        </li>
      )}
    </ul>
  );
}
