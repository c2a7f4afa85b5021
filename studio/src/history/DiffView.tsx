import { useMemo } from 'react';
import { diffLines, foldUnchanged } from '@parley/flow';

/** CSS class per diff line (styles keep the names they had). */
const CLASS_OF = { ' ': 'same', '+': 'add', '-': 'del' } as const;

/** A unified-style diff of two texts, with unchanged runs folded. */
export function DiffView({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  const lines = useMemo(() => foldUnchanged(diffLines(before.split('\n'), after.split('\n')), 3), [before, after]);
  const changed = lines.some((l) => l.op === '+' || l.op === '-');
  return (
    <div className="diff" role="region" aria-label={`Differences between ${beforeLabel} and ${afterLabel}`}>
      <p className="diff-legend">
        <span className="del">− {beforeLabel}</span> <span className="add">+ {afterLabel}</span>
      </p>
      {!changed ? (
        <p>No differences.</p>
      ) : (
        <pre>
          {lines.map((l, i) =>
            l.op === '…' ? (
              <div key={i} className="diff-gap">
                … {l.count} unchanged line{l.count > 1 ? 's' : ''}
              </div>
            ) : (
              <div key={i} className={`diff-${CLASS_OF[l.op]}`}>
                {l.op} {l.text}
              </div>
            ),
          )}
        </pre>
      )}
    </div>
  );
}
