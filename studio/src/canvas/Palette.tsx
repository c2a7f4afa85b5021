/**
 * Every node type, grouped. Drag one onto the canvas, or focus it and press
 * Enter/Space (or click) to add it in the middle of the view.
 */
import type { DragEvent } from 'react';
import { StickyNote } from 'lucide-react';
import { nodeEditors, paletteOrder } from '../nodes/registry';
import { PALETTE_MIME } from './Canvas';

const GROUPS = ['Messages', 'Logic', 'Integrations', 'Flow'] as const;

export function Palette({ onAdd, onAddNote }: { onAdd: (type: string) => void; onAddNote: () => void }) {
  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Add a step">
      <h2>Add a step</h2>
      {GROUPS.map((group) => (
        <div key={group} className="palette-group">
          <h3>{group}</h3>
          <ul>
            {paletteOrder
              .filter((t) => nodeEditors[t].group === group)
              .map((type) => {
                const ed = nodeEditors[type];
                return (
                  <li key={type}>
                    <button
                      type="button"
                      draggable
                      className="palette-item"
                      data-type={type}
                      title={`${ed.title}: ${ed.description}`}
                      onDragStart={(e) => onDragStart(e, type)}
                      onClick={() => onAdd(type)}
                      aria-label={`Add ${ed.title}: ${ed.description}`}
                    >
                      <span className="palette-icon" style={{ background: ed.color }} aria-hidden="true">
                        <ed.icon size={15} />
                      </span>
                      {ed.title}
                    </button>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
      <div className="palette-group">
        <h3>Canvas</h3>
        <button type="button" className="palette-item" onClick={onAddNote}>
          <span className="palette-icon" style={{ background: '#b59f00' }} aria-hidden="true">
            <StickyNote size={15} />
          </span>
          Sticky note
        </button>
      </div>
    </nav>
  );
}
