/**
 * The conversion goal: a business event (POST /api/events/<name>, e.g. order.placed) or reaching
 * a step of a flow, counted within N days of the send — for the most recent campaign only, so
 * overlapping campaigns never count one conversion twice.
 */
import { useEffect, useState } from 'react';
import type { FlowSummary } from '@parley/contract/api';
import type { ApiClient } from '../api/client';
import type { DraftProblem, GoalDraft } from './draft';
import { FormField, problemsAt } from './FormField';

interface Props {
  api: ApiClient;
  flows: FlowSummary[] | null;
  value: GoalDraft;
  onChange: (value: GoalDraft) => void;
  problems: DraftProblem[];
}

const KINDS: Array<{ kind: GoalDraft['kind']; label: string }> = [
  { kind: 'none', label: 'No goal (compare replies)' },
  { kind: 'event', label: 'A business event' },
  { kind: 'node', label: 'Reaching a step of a flow' },
];

export function GoalEditor({ api, flows, value: g, onChange, problems }: Props) {
  const set = (patch: Partial<GoalDraft>) => onChange({ ...g, ...patch });
  const at = (field: string) => problemsAt(problems, `goal.${field}`);
  const nodes = useFlowNodes(api, g.kind === 'node' ? g.flow : '');
  return (
    <div className="cmp-goal">
      <fieldset className="cmp-choices">
        <legend className="sr-only">Goal</legend>
        {KINDS.map((k) => (
          <label key={k.kind}>
            <input type="radio" name="goal-kind" checked={g.kind === k.kind} onChange={() => set({ kind: k.kind })} />
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="cmp-row">
        {g.kind === 'event' && (
          <FormField
            label="Event name"
            problems={at('event')}
            help="Your shop calls POST /api/events/<name> for the contact."
            className="cmp-grow"
          >
            {(c) => <input {...c} value={g.event} placeholder="order.placed" onChange={(e) => set({ event: e.target.value })} />}
          </FormField>
        )}
        {g.kind === 'node' && (
          <>
            <FormField label="Goal flow" problems={at('flow')}>
              {(c) => (
                <select {...c} value={g.flow} onChange={(e) => set({ flow: e.target.value, node: '' })}>
                  <option value="">Choose a flow</option>
                  {(flows ?? []).map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField label="Goal step" problems={at('node')}>
              {(c) => (
                <select {...c} value={g.node} disabled={!g.flow} onChange={(e) => set({ node: e.target.value })}>
                  <option value="">{g.flow && nodes === null ? 'Loading steps…' : 'Choose a step'}</option>
                  {g.node && !(nodes ?? []).includes(g.node) && <option value={g.node}>{g.node}</option>}
                  {(nodes ?? []).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </>
        )}
        {g.kind !== 'none' && (
          <FormField label="Within (days)" problems={at('windowDays')} className="cmp-narrow">
            {(c) => (
              <input {...c} type="number" min={1} max={90} value={g.windowDays} onChange={(e) => set({ windowDays: e.target.value })} />
            )}
          </FormField>
        )}
      </div>
    </div>
  );
}

/** The node ids of a flow's draft (the goal step's choices); null while loading, [] when unknown. */
function useFlowNodes(api: ApiClient, flowId: string): string[] | null {
  const [nodes, setNodes] = useState<{ flow: string; ids: string[] } | null>(null);
  useEffect(() => {
    if (!flowId) return;
    let live = true;
    api.getFlow(flowId).then(
      (d) => live && setNodes({ flow: flowId, ids: (d.flow?.nodes ?? []).map((n) => n.id) }),
      () => live && setNodes({ flow: flowId, ids: [] }),
    );
    return () => {
      live = false;
    };
  }, [api, flowId]);
  return nodes?.flow === flowId ? nodes.ids : null;
}
