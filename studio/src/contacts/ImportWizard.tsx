/**
 * Import contacts from a CSV file, in a dialog: pick the file, see its first rows, map each column
 * to an attribute (guessed from the header), give the consent wording when marketing consent is
 * imported, check the file (a dry run listing every problem by row and column), then import with
 * a progress bar that follows the runtime's import report.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { FileCheck, Upload, X } from 'lucide-react';
import type { CustomFieldDefinition } from '@parley/contract';
import type { ContactsApi, ImportReport } from '../api/contacts';
import { BASE_ATTRIBUTES, guessMapping, mappingProblems, parseCsvHead, toImportMapping, type CsvPreview } from './csv';
import { ImportReportView } from './ImportReportView';
import { countDataRows } from './countRows';

interface Props {
  api: ContactsApi;
  fields: CustomFieldDefinition[];
  pollMs: number;
  /** `imported`: an import ran, so the list should reload. */
  onClose: (imported: boolean) => void;
}

const HEAD_BYTES = 64 * 1024;

export function ImportWizard({ api, fields, pollMs, onClose }: Props) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [totalRows, setTotalRows] = useState<number | null>(null);
  const [mapping, setMapping] = useState<string[]>([]);
  const [country, setCountry] = useState('');
  const [wording, setWording] = useState('');
  const [report, setReport] = useState<{ dryRun: boolean; report: ImportReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const closed = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    returnTo.current = document.activeElement;
    fileInput.current?.focus();
    return () => {
      closed.current = true;
      (returnTo.current as HTMLElement | null)?.focus?.();
    };
  }, []);

  const attributes = [...BASE_ATTRIBUTES, ...fields.map((f) => ({ value: `fields.${f.key}`, label: `Field: ${f.label}` }))];
  const problems = preview ? mappingProblems(mapping, preview.headers, wording) : [];
  const needsWording = mapping.includes('consent.marketing') && !mapping.includes('consent.wording');
  const imported = report !== null && !report.dryRun;
  const running = busy || report?.report.status === 'running';

  const pick = async (f: File | undefined) => {
    setReport(null);
    setError(null);
    setTried(false);
    setTotalRows(null);
    if (!f) return (setFile(null), setPreview(null));
    setFile(f);
    const head = parseCsvHead(await f.slice(0, HEAD_BYTES).text(), 20, f.size <= HEAD_BYTES);
    if (head.headers.length === 0) {
      setPreview(null);
      return setError(`${f.name} has no header line: the first line must name the columns.`);
    }
    setPreview(head);
    setMapping(guessMapping(head.headers, fields));
    countDataRows(f).then(setTotalRows, () => setTotalRows(null));
  };

  const run = async (dryRun: boolean) => {
    setTried(true);
    if (!file || !preview || problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      let r = await api.startImport(file, {
        map: toImportMapping(preview.headers, mapping),
        country: country || undefined,
        file: file.name,
        dryRun,
        wording: needsWording ? wording.trim() : undefined,
      });
      setReport({ dryRun, report: r });
      while (r.status === 'running' && !closed.current) {
        await new Promise((res) => setTimeout(res, pollMs));
        r = await api.importReport(r.id);
        if (!closed.current) setReport({ dryRun, report: r });
      }
    } catch (e) {
      setError(`${dryRun ? 'The check' : 'The import'} did not run: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !running && onClose(imported)}>
      <div
        className="modal import-wizard"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose(imported))}
      >
        <div className="import-head">
          <h2 id={`${id}-title`}>Import contacts</h2>
          <button type="button" aria-label="Close" title="Close" onClick={() => onClose(imported)}>
            <X size={14} aria-hidden="true" />
          </button>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV file</label>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            disabled={running}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <p className="help">
            One contact per row, the first row names the columns. Numbers in international format (+351…) or local with the country below.
          </p>
        </div>
        {preview && (
          <>
            <MappingTable preview={preview} mapping={mapping} attributes={attributes} onChange={setMapping} disabled={running} />
            <p className="help">
              {file?.name}: the first {preview.rows.length} rows shown
              {totalRows !== null ? ` of ${totalRows.toLocaleString('en')}` : ''}.
            </p>
            <div className="import-options">
              <div className="field">
                <label htmlFor={`${id}-country`}>Country of local numbers</label>
                <input
                  id={`${id}-country`}
                  value={country}
                  maxLength={2}
                  placeholder="e.g. PT"
                  aria-describedby={`${id}-country-help`}
                  onChange={(e) => setCountry(e.target.value.toUpperCase().replace(/[^A-Z]/g, ''))}
                />
                <p id={`${id}-country-help`} className="help">
                  Two letters (ISO). Empty: every number must start with +.
                </p>
              </div>
              {needsWording && (
                <div className="field">
                  <label htmlFor={`${id}-wording`}>Consent wording (required)</label>
                  <textarea
                    id={`${id}-wording`}
                    rows={2}
                    value={wording}
                    aria-invalid={tried && !wording.trim() ? true : undefined}
                    aria-describedby={`${id}-wording-help`}
                    placeholder="e.g. Yes, send me offers on WhatsApp. Reply STOP to opt out."
                    onChange={(e) => setWording(e.target.value)}
                  />
                  <p id={`${id}-wording-help`} className="help">
                    The words people agreed to when they opted in; the consent ledger keeps them with every opt-in.
                  </p>
                </div>
              )}
            </div>
            {tried && problems.length > 0 && (
              <ul className="field-issues error" role="alert" aria-label="Fix before importing">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </>
        )}
        {error && (
          <p className="field-issues error" role="alert">
            {error}
          </p>
        )}
        {report && <ImportReportView report={report.report} dryRun={report.dryRun} totalRows={totalRows} />}
        <div className="modal-actions">
          {imported && report.report.status !== 'running' ? (
            <button type="button" className="primary" onClick={() => onClose(true)}>
              Done
            </button>
          ) : (
            <>
              <button type="button" disabled={!preview || running} onClick={() => void run(true)}>
                <FileCheck size={14} aria-hidden="true" /> Check file
              </button>
              <button type="button" className="primary" disabled={!preview || running} onClick={() => void run(false)}>
                <Upload size={14} aria-hidden="true" /> Import
              </button>
              <button type="button" onClick={() => onClose(imported)}>
                {running ? 'Close (the import continues)' : 'Cancel'}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

interface MappingProps {
  preview: CsvPreview;
  mapping: string[];
  attributes: { value: string; label: string }[];
  onChange: (m: string[]) => void;
  disabled: boolean;
}

/** One row per column: its header, what it maps to, and the first values, so the guess can be checked. */
function MappingTable({ preview, mapping, attributes, onChange, disabled }: MappingProps) {
  const id = useId();
  return (
    <table className="import-mapping">
      <caption>Columns</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Imports as</th>
          <th scope="col">First values</th>
        </tr>
      </thead>
      <tbody>
        {preview.headers.map((h, i) => (
          <tr key={`${i}-${h}`} data-column={h}>
            <th scope="row">
              <label htmlFor={`${id}-${i}`}>{h || `Column ${i + 1}`}</label>
            </th>
            <td>
              <select
                id={`${id}-${i}`}
                value={mapping[i] ?? ''}
                disabled={disabled}
                onChange={(e) => onChange(mapping.map((m, j) => (j === i ? e.target.value : m)))}
              >
                {attributes.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
            </td>
            <td className="import-samples">
              {preview.rows
                .slice(0, 3)
                .map((r) => r[i] ?? '')
                .filter(Boolean)
                .join(' · ') || <span className="help">empty</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
