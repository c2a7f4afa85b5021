/** Every validation issue in plain words; clicking one selects and shows its node. */
import { OctagonX, TriangleAlert } from 'lucide-react';
import type { ValidationIssue } from '@parley/contract';

interface Props {
  issues: ValidationIssue[];
  locate: (issue: ValidationIssue) => string | undefined;
  onFocus: (nodeId: string | undefined, issue: ValidationIssue) => void;
  /** Quick fix for undeclared variables. */
  onDeclare?: (variable: string) => void;
}

/** The variable an "undeclared-variable" issue is about, when its message names it. */
function undeclaredVariable(issue: ValidationIssue): string | null {
  if (issue.code !== 'undeclared-variable') return null;
  return /'([A-Za-z_][A-Za-z0-9_]*)', which is not declared/.exec(issue.message)?.[1] ?? null;
}

export function IssuesPanel({ issues, locate, onFocus, onDeclare }: Props) {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return (
    <section className="issues-panel" aria-label="Problems">
      <h2>
        Problems{' '}
        <span className="count error">
          {errors} error{errors === 1 ? '' : 's'}
        </span>{' '}
        <span className="count warning">
          {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      </h2>
      {issues.length === 0 ? (
        <p className="ok">No problems found. This flow is ready to publish.</p>
      ) : (
        <ul>
          {issues.map((issue, i) => {
            const nodeId = locate(issue);
            const variable = onDeclare ? undeclaredVariable(issue) : null;
            return (
              <li key={i} className="issue-row">
                <button type="button" className={`issue ${issue.severity}`} onClick={() => onFocus(nodeId, issue)}>
                  <span className="sev">
                    {issue.severity === 'error' ? (
                      <OctagonX size={14} aria-label="Error" />
                    ) : (
                      <TriangleAlert size={14} aria-label="Warning" />
                    )}
                  </span>
                  {nodeId && <span className="issue-node">{nodeId}</span>}
                  <span className="issue-msg">{issue.message}</span>
                </button>
                {variable && (
                  <button type="button" className="quick-fix" onClick={() => onDeclare!(variable)}>
                    Declare “{variable}”
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
