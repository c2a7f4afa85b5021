/**
 * Saving was refused because someone saved a newer revision. The marketer can
 * take theirs (reload), compare, or overwrite it with this draft knowingly.
 */
import { useEffect, useRef, useState } from 'react';
import type { Flow } from '@parley/flow';
import type { FlowDraft } from '../api/client';
import { DiffView } from './DiffView';
import { flowText } from './text';

interface Props {
  mine: Flow;
  theirs: FlowDraft | undefined;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}

export function ConflictDialog({ mine, theirs, onReload, onOverwrite, onCancel }: Props) {
  const [compare, setCompare] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-desc"
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2 id="conflict-title">Someone else saved this flow</h2>
        <p id="conflict-desc">
          While you were editing, a newer version{theirs ? ` (revision ${theirs.flow.revision})` : ''} was saved. Your changes were
          <strong> not</strong> saved yet. Choose what to do:
        </p>
        <div className="modal-actions">
          <button ref={first} type="button" onClick={onReload}>
            Reload their version (discard mine)
          </button>
          {theirs && (
            <button type="button" onClick={() => setCompare((c) => !c)}>
              {compare ? 'Hide' : 'Compare'} changes
            </button>
          )}
          <button type="button" className="danger" onClick={onOverwrite}>
            Save mine anyway
          </button>
          <button type="button" onClick={onCancel}>
            Keep editing
          </button>
        </div>
        {compare && theirs && (
          <DiffView before={flowText(theirs.flow)} after={flowText(mine)} beforeLabel="their version" afterLabel="your draft" />
        )}
      </div>
    </div>
  );
}
