/**
 * Publishing was refused because templates the flow can send are not approved by WhatsApp:
 * lists them (template, language, status) and offers "Publish anyway" for emergencies, which
 * needs a reason — the version history records it with the templates.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { UnapprovedTemplate } from '../api/publishFlow';
import '../inspector/template-node.css';

interface Props {
  templates: UnapprovedTemplate[];
  onForce: (reason: string) => void;
  onCancel: () => void;
}

export function ForcePublishDialog({ templates, onForce, onCancel }: Props) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement;
    input.current?.focus();
    return () => (returnTo.current as HTMLElement | null)?.focus?.();
  }, []);
  const missing = tried && !reason.trim();
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (reason.trim()) onForce(reason.trim());
        }}
      >
        <h2 id={`${id}-title`}>Templates not approved</h2>
        <p id={`${id}-desc`}>
          This flow can send templates WhatsApp has not approved yet. Until they are approved, those sends are skipped and the step takes
          its “could not send” path.
        </p>
        <table className="unapproved-templates">
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Language</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={`${t.name}:${t.language}`}>
                <td className="mono">{t.name}</td>
                <td>{t.language}</td>
                <td>{t.status.replace(/_/g, ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={`field${missing ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-reason`}>Reason for publishing anyway</label>
          <textarea
            id={`${id}-reason`}
            ref={input}
            rows={2}
            value={reason}
            aria-invalid={missing || undefined}
            aria-describedby={`${id}-help`}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${id}-help`} className="help">
            Recorded in the version history with the templates above.
          </p>
          {missing && (
            <p className="field-issues error" role="alert">
              Say why this cannot wait for the approval.
            </p>
          )}
        </div>
        <div className="modal-actions">
          <button type="submit" className="danger">
            Publish anyway
          </button>
          <button type="button" className="primary" onClick={onCancel}>
            Wait for approval
          </button>
        </div>
      </form>
    </div>
  );
}
