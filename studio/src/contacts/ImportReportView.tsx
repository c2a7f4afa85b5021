/** An import's report: progress while it runs, then its counts and the problems by row and column. */
import type { ImportReport } from '../api/contacts';
import { formatCount, plural } from './format';

interface Props {
  report: ImportReport;
  dryRun: boolean;
  totalRows: number | null;
}

export function ImportReportView({ report, dryRun, totalRows }: Props) {
  const running = report.status === 'running';
  const what = dryRun ? 'Check' : 'Import';
  return (
    <section className="import-report" aria-label={`${what} report`} data-status={report.status}>
      {running ? (
        <div className="import-progress">
          <label htmlFor={`import-progress-${report.id}`}>
            {dryRun ? 'Checking' : 'Importing'}: {formatCount(report.rows)}
            {totalRows ? ` of ${formatCount(totalRows)}` : ''} rows
          </label>
          <progress
            id={`import-progress-${report.id}`}
            max={totalRows ?? undefined}
            value={totalRows ? Math.min(report.rows, totalRows) : undefined}
          />
        </div>
      ) : (
        <p role="status" className={report.status === 'failed' ? 'field-issues error' : report.problemCount ? '' : 'ok'}>
          {report.status === 'failed'
            ? `${what} failed: ${report.error ?? 'the server gave no reason'}.`
            : dryRun
              ? `Checked ${plural(report.rows, 'row')}: ${report.problemCount ? `${plural(report.problemCount, 'problem')} to fix` : 'no problems'}. Nothing was imported yet.`
              : `Imported ${plural(report.rows, 'row')}: ${formatCount(report.created)} new, ${formatCount(report.updated)} updated, ${formatCount(report.skipped)} skipped, ${formatCount(report.consentRecorded)} consents recorded.`}
        </p>
      )}
      {report.problems.length > 0 && (
        <table className="import-problems">
          <caption>
            {report.problemCount > report.problems.length
              ? `The first ${formatCount(report.problems.length)} of ${plural(report.problemCount, 'problem')}`
              : plural(report.problemCount, 'problem')}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
