/**
 * One flow node on the canvas: a header (type, name, start flag, issue badge),
 * the node type's own body component, and one labelled output handle per exit.
 */
import { memo, useContext } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { Eye } from 'lucide-react';
import { editorFor } from '../nodes/registry';
import { nodeTitle } from '../nodes/title';
import type { FlowNodeData } from './elements';
import { CanvasContext } from './context';

export const FlowNodeView = memo(function FlowNodeView({ data, selected }: NodeProps<Node<FlowNodeData, 'flow'>>) {
  const { node, exits, isStart, deco } = data;
  const { language, defaultLanguage } = useContext(CanvasContext);
  const editor = editorFor(node.type);
  const labels = editor?.exitLabels?.(node as never, language, defaultLanguage) ?? {};
  const errors = deco?.errors.length ?? 0;
  const warnings = deco?.warnings.length ?? 0;
  const Body = editor?.Body;
  const Icon = editor?.icon;
  const classes = ['flow-node', `type-${node.type}`];
  if (selected) classes.push('selected');
  if (deco?.active) classes.push('active');
  if (deco?.dimmed) classes.push('dimmed');
  if (errors) classes.push('has-error');
  else if (warnings) classes.push('has-warning');
  return (
    <div className={classes.join(' ')} data-node-id={node.id} data-testid={`node-${node.id}`}>
      <Handle type="target" position={Position.Left} id="in" className="handle-in" aria-label={`Into ${node.id}`} />
      <div className="node-head" style={{ background: editor?.color ?? '#444' }}>
        <span className="node-icon" aria-hidden="true">
          {Icon ? <Icon size={14} /> : '?'}
        </span>
        <span className="node-title" title={node.id}>
          {nodeTitle(node)}
        </span>
        <span className="node-type">{editor?.title ?? node.type}</span>
        {isStart && (
          <span className="node-start" title="The conversation starts here">
            START
          </span>
        )}
        {errors > 0 && (
          <span className="badge badge-error" title={deco!.errors.join('\n')} aria-label={`${errors} error${errors > 1 ? 's' : ''}`}>
            {errors}
          </span>
        )}
        {errors === 0 && warnings > 0 && (
          <span
            className="badge badge-warning"
            title={deco!.warnings.join('\n')}
            aria-label={`${warnings} warning${warnings > 1 ? 's' : ''}`}
          >
            {warnings}
          </span>
        )}
      </div>
      <div className="node-body">
        {Body ? (
          <Body node={node as never} language={language} defaultLanguage={defaultLanguage} />
        ) : (
          <p>Unknown node type “{node.type}”</p>
        )}
        {deco?.visits !== undefined && (
          <p className="node-analytics">
            <Eye size={12} aria-hidden="true" /> {deco.visits} visits{deco.dropOff ? ` · ${deco.dropOff} dropped off` : ''}
          </p>
        )}
      </div>
      {exits.length > 0 && (
        <ul className="node-exits">
          {exits.map((exit) => {
            const bad = deco?.badExits.includes(exit);
            const connected = node.exits?.[exit] != null;
            return (
              <li key={exit} className={`exit${bad ? ' exit-bad' : ''}${connected ? ' connected' : ''}`} data-exit={exit}>
                <span className="exit-label">{labels[exit] ?? exit}</span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={exit}
                  className="handle-out"
                  aria-label={`Exit ${exit} of ${node.id}`}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});
