/**
 * A small modal that asks for one line of text (publish summary, test name):
 * labelled, focused on open, Enter confirms, Escape cancels, focus returns.
 */
import { useEffect, useId, useRef, useState } from 'react';

interface Props {
  title: string;
  label: string;
  initial?: string;
  confirm: string;
  help?: string;
  onConfirm: (value: string) => void;
  onCancel: () => void;
}

export function PromptDialog({ title, label, initial = '', confirm, help, onConfirm, onCancel }: Props) {
  const id = useId();
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement;
    input.current?.focus();
    input.current?.select();
    return () => (returnTo.current as HTMLElement | null)?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        className="modal small"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(value.trim());
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="field">
          <label htmlFor={`${id}-input`}>{label}</label>
          <input
            id={`${id}-input`}
            ref={input}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={help ? `${id}-help` : undefined}
          />
          {help && (
            <p id={`${id}-help`} className="help">
              {help}
            </p>
          )}
        </div>
        <div className="modal-actions">
          <button type="submit" className="primary">
            {confirm}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
