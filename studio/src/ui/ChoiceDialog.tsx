/**
 * The studio's own modal for a decision (unsaved changes, roll back…), instead of the
 * browser's confirm(): a title, a sentence, and labelled buttons. The first button takes
 * focus, Escape or a click outside is "cancel", focus returns where it was.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogChoice {
  label: string;
  onChoose: () => void;
  /** 'primary' for the suggested choice, 'danger' for one that throws work away. */
  tone?: 'primary' | 'danger';
}

interface Props {
  title: string;
  children: ReactNode;
  choices: DialogChoice[];
  onCancel: () => void;
}

export function ChoiceDialog({ title, children, choices, onCancel }: Props) {
  const id = useId();
  const first = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement;
    first.current?.focus();
    return () => (returnTo.current as HTMLElement | null)?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        className="modal small"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-desc`}>{children}</div>
        <div className="modal-actions">
          {choices.map((c, i) => (
            <button key={c.label} ref={i === 0 ? first : undefined} type="button" className={c.tone} onClick={c.onChoose}>
              {c.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
