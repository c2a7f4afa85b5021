/**
 * One badge per language with Meta's status ("en Approved", "es Pending"), its colour from the
 * status' tone, a dot when the file changed since it was submitted, and the full sentence
 * (reason included) for screen readers and as a tooltip.
 */
import type { TemplateLanguageRow } from '@parley/contract/api';
import { languageDescription, statusLabel, statusTone } from './status';

export function StatusBadges({ languages }: { languages: TemplateLanguageRow[] }) {
  if (!languages.length) return <span className="help">No languages</span>;
  return (
    <ul className="tpl-badges" aria-label="Status per language">
      {languages.map((row) => (
        <li key={row.language}>
          <StatusBadge row={row} />
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ row }: { row: TemplateLanguageRow }) {
  const description = languageDescription(row);
  const edited = row.changed && row.status !== 'not_submitted';
  return (
    <span
      className={`tpl-badge tone-${statusTone(row.status)}`}
      data-language={row.language}
      data-status={row.status}
      title={description}
      aria-label={description}
      role="img"
    >
      <span className="tpl-badge-lang" aria-hidden="true">
        {row.language}
      </span>
      <span aria-hidden="true">{statusLabel(row.status)}</span>
      {edited && <span className="tpl-badge-edited" aria-hidden="true" />}
    </span>
  );
}
