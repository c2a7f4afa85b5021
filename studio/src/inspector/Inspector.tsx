/**
 * The right-hand panel for the selected node: its name, its form (from the node
 * type's JSON Schema + UI hints), and its exits — each can be connected from a
 * list as well as by dragging on the canvas (keyboard users need that).
 */
import { useEffect, useId, useState } from 'react';
import { nodeDefinitions, type Flow, type FlowNode } from '@parley/flow';
import { editorFor } from '../nodes/registry';
import { humanizeId } from '../nodes/title';
import { exitsOf } from '../canvas/elements';
import { FormContext } from './context';
import { ObjectFields } from './SchemaForm';
import { useFormContext } from './formContext';
import type { JsonSchema } from './schema';
import type { ValidationIssue } from '@parley/contract';

interface Props {
  flow: Flow;
  node: FlowNode;
  issues: ValidationIssue[];
  flowIds: string[];
  onChange: (node: FlowNode, field?: string) => void;
  onRename: (from: string, to: string) => boolean;
  /** target: a node id, null = end here on purpose, undefined = not connected. */
  onConnect: (exit: string, target: string | null | undefined) => void;
  onSetStart: () => void;
  onDelete: () => void;
}

export function Inspector({ flow, node, issues, flowIds, onChange, onRename, onConnect, onSetStart, onDelete }: Props) {
  const editor = editorFor(node.type);
  const Icon = editor?.icon;
  const CustomEditor = editor?.Editor;
  const def = (nodeDefinitions as Record<string, { schema: unknown } | undefined>)[node.type];
  const taken = new Set(flow.nodes.map((n) => n.id));
  const ctx = useFormContext(flow, editor?.hints ?? {}, issues, flowIds, taken);
  const id = useId();
  const [idDraft, setIdDraft] = useState(node.id);
  const [idError, setIdError] = useState<string | null>(null);
  useEffect(() => {
    setIdDraft(node.id);
    setIdError(null);
  }, [node.id]);
  const nodeLevel = issues.filter((i) => /^\/nodes\/\d+$/.test(i.path) || i.path === '');

  const commitId = () => {
    if (idDraft === node.id) return;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(idDraft)) {
      setIdError('Use letters, digits, _ or -, starting with a letter.');
      return;
    }
    if (!onRename(node.id, idDraft)) setIdError(`Another step is already called “${idDraft}”.`);
  };

  return (
    <FormContext.Provider value={ctx}>
      <section className="inspector" aria-label={`Edit ${editor?.title ?? node.type} ${node.id}`}>
        <header className="inspector-head" style={{ borderColor: editor?.color }}>
          <h2>
            {Icon && <Icon size={16} aria-hidden="true" className="inline-icon" />} {editor?.title ?? node.type}
          </h2>
          <p className="help">{editor?.description}</p>
        </header>
        <div className="field">
          <label htmlFor={`${id}-label`}>Title on the canvas</label>
          <input
            id={`${id}-label`}
            value={node.label ?? ''}
            placeholder={humanizeId(node.id)}
            onChange={(e) => {
              const next = { ...node } as FlowNode;
              if (e.target.value) next.label = e.target.value;
              else delete next.label;
              onChange(next, 'label');
            }}
          />
        </div>
        <div className="field field-secondary">
          <label htmlFor={`${id}-id`}>Technical name (used in connections)</label>
          <input
            id={`${id}-id`}
            className="mono"
            value={idDraft}
            aria-invalid={!!idError || undefined}
            onChange={(e) => {
              setIdDraft(e.target.value);
              setIdError(null);
            }}
            onBlur={commitId}
            onKeyDown={(e) => e.key === 'Enter' && commitId()}
          />
          {idError && (
            <p className="field-issues error" role="alert">
              {idError}
            </p>
          )}
        </div>
        {nodeLevel.length > 0 && (
          <ul className="field-issues">
            {nodeLevel.map((i, k) => (
              <li key={k} className={i.severity}>
                {i.message}
              </li>
            ))}
          </ul>
        )}
        {CustomEditor && <CustomEditor node={node} flow={flow} onChange={onChange} />}
        {def ? (
          <ObjectFields
            schema={def.schema as JsonSchema}
            value={node as unknown as Record<string, unknown>}
            onChange={(v) => onChange(v as unknown as FlowNode, lastChangedKey(node, v))}
            path={[]}
          />
        ) : (
          <p className="field-issues error">Unknown node type “{node.type}”: it cannot be edited here.</p>
        )}
        <ExitsEditor flow={flow} node={node} onConnect={onConnect} />
        <div className="inspector-actions">
          {flow.start !== node.id && (
            <button type="button" onClick={onSetStart}>
              Start the conversation here
            </button>
          )}
          <button type="button" className="danger" onClick={onDelete}>
            Delete step
          </button>
        </div>
      </section>
    </FormContext.Provider>
  );
}

const NOT_CONNECTED = '';
const END_HERE = '\u0000end';

function exitValue(exits: FlowNode['exits'], exit: string): string {
  if (!exits || !(exit in exits)) return NOT_CONNECTED;
  return exits[exit] ?? END_HERE;
}

function ExitsEditor({
  flow,
  node,
  onConnect,
}: {
  flow: Flow;
  node: FlowNode;
  onConnect: (exit: string, target: string | null | undefined) => void;
}) {
  const exits = exitsOf(node);
  const id = useId();
  if (!exits.length) return null;
  const labels = editorFor(node.type)?.exitLabels?.(node as never, flow.languages[0] ?? 'en', flow.languages[0] ?? 'en') ?? {};
  return (
    <fieldset className="group exits">
      <legend>Where to go next</legend>
      {exits.map((exit) => (
        <div className="field exit-row" key={exit}>
          <label htmlFor={`${id}-${exit}`}>{labels[exit] ?? exit}</label>
          <select
            id={`${id}-${exit}`}
            value={exitValue(node.exits, exit)}
            onChange={(e) =>
              onConnect(exit, e.target.value === NOT_CONNECTED ? undefined : e.target.value === END_HERE ? null : e.target.value)
            }
          >
            <option value={NOT_CONNECTED}>— not connected —</option>
            <option value={END_HERE}>— end the conversation here —</option>
            {flow.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ? `${n.label} (${n.id})` : n.id}
              </option>
            ))}
            {node.exits?.[exit] && !flow.nodes.some((n) => n.id === node.exits![exit]) && (
              <option value={node.exits[exit]!}>{node.exits[exit]} (missing!)</option>
            )}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

/** The top-level field an edit touched, so typing in one field coalesces into one undo step. */
function lastChangedKey(before: FlowNode, after: Record<string, unknown>): string {
  const b = before as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(b), ...Object.keys(after)])) if (b[k] !== after[k]) return k;
  return '';
}
