import { useMemo } from 'react';
import { diffLines, withContext } from './diff';

/** A unified-style diff of two texts, with unchanged runs folded. */
export function DiffView({ before, after, beforeLabel, afterLabel }: { before: string; after: string; beforeLabel: string; afterLabel: string }) {
  const lines = useMemo(() => withContext(diffLines(before, after), 3), [before, after]);
  const changed = lines.some((l) => l.kind === 'add' || l.kind === 'del');
  return (
    <div className="diff" role="region" aria-label={`Differences between ${beforeLabel} and ${afterLabel}`}>
      <p className="diff-legend"><span className="del">− {beforeLabel}</span> <span className="add">+ {afterLabel}</span></p>
      {!changed ? <p>No differences.</p> : (
        <pre>
          {lines.map((l, i) => (
            <div key={i} className={`diff-${l.kind}`}>
              {l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : l.kind === 'gap' ? '' : '  '}{l.text}
            </div>
          ))}
        </pre>
      )}
    </div>
  );
}
