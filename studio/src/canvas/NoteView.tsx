/** A sticky note: free text for the team, stored in the layout file only. */
import { memo, useContext } from 'react';
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import type { NoteData } from './elements';
import { CanvasContext } from './context';

export const NoteView = memo(function NoteView({ id, data, selected }: NodeProps<Node<NoteData, 'note'>>) {
  const { onNoteChange } = useContext(CanvasContext);
  return (
    <div className="sticky-note" style={{ background: data.note.color ?? '#fff4a8' }}>
      <NodeResizer isVisible={selected} minWidth={120} minHeight={60} />
      <textarea
        className="nodrag"
        aria-label="Sticky note text"
        value={data.note.text}
        placeholder="Write a note for your team…"
        onChange={(e) => onNoteChange(id, e.target.value)}
      />
    </div>
  );
});
