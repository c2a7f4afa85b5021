/**
 * One guard for every way out of an editor with unsaved changes: the back button, the flow
 * list link, sign out, opening another flow, the browser's back/forward (hash change) and
 * reload/close (beforeunload). The editor registers what "dirty" and "save" mean; every exit
 * goes through `leave(go)`, which runs `go` at once when nothing is unsaved and otherwise asks
 * Save / Discard / Cancel in the studio's own dialog.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ChoiceDialog } from '../ui/ChoiceDialog';

export interface GuardedWork {
  dirty: boolean;
  /** Saves the draft; false when it could not (the editor shows why, and we stay). */
  save: () => Promise<boolean>;
}

export interface UnsavedGuard {
  /** The editor's current state; null when no editor is open. */
  register: (work: GuardedWork | null) => void;
  isDirty: () => boolean;
  /** Runs `go` now, or after the user chose Save (and it worked) or Discard. */
  leave: (go: () => void) => void;
  /** The dialog to render while a decision is pending. */
  dialog: ReactNode;
}

export function useUnsavedGuard(): UnsavedGuard {
  const work = useRef<GuardedWork | null>(null);
  const [pending, setPending] = useState<{ go: () => void } | null>(null);
  const [saving, setSaving] = useState(false);

  const register = useCallback((w: GuardedWork | null) => {
    work.current = w;
  }, []);
  const isDirty = useCallback(() => !!work.current?.dirty, []);
  const leave = useCallback((go: () => void) => {
    if (work.current?.dirty) setPending({ go });
    else go();
  }, []);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!work.current?.dirty) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const dialog = pending && (
    <ChoiceDialog
      title="You have unsaved changes"
      onCancel={() => setPending(null)}
      choices={[
        {
          label: saving ? 'Saving…' : 'Save and leave',
          tone: 'primary',
          onChoose: () => {
            if (saving || !work.current) return;
            setSaving(true);
            void work.current.save().then((ok) => {
              setSaving(false);
              setPending(null);
              if (ok) pending.go();
            });
          },
        },
        {
          label: 'Discard changes',
          tone: 'danger',
          onChoose: () => {
            setPending(null);
            work.current = null;
            pending.go();
          },
        },
        { label: 'Cancel', onChoose: () => setPending(null) },
      ]}
    >
      <p>Your edits to this flow are not saved yet. Save them before you leave, or discard them?</p>
    </ChoiceDialog>
  );

  return { register, isDirty, leave, dialog };
}
