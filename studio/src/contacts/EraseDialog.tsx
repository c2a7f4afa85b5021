/** Asks before erasing a person: names them, says what goes and what stays; Escape or Cancel keeps everything. */
import { useEffect, useId, useRef } from 'react';

interface Props {
  who: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function EraseDialog({ who, busy, error, onConfirm, onCancel }: Props) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    return () => returnTo?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onCancel()}>
      <div
        className="modal small"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        onKeyDown={(e) => e.key === 'Escape' && !busy && (e.stopPropagation(), onCancel())}
      >
        <h2 id={`${id}-title`}>Erase {who}?</h2>
        <p id={`${id}-desc`}>
          Everything Parley holds about {who} is deleted for good: the contact, the consent ledger, activity, campaign records and the
          conversation state. Only an anonymous fingerprint of the number stays, so an old import cannot bring them back. Export first if
          they asked for a copy.
        </p>
        {error && (
          <p className="field-issues error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="primary danger-fill" disabled={busy} onClick={onConfirm}>
            {busy ? 'Erasing…' : `Erase ${who}`}
          </button>
          <button type="button" ref={cancel} disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
