/**
 * The languages of a template as tabs (arrow keys move between them, as the ARIA tabs pattern
 * says), each with its status badge and a mark when it has errors; add a language (a copy of the
 * one shown, ready to translate) and remove the one shown.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { TemplateLanguageRow } from '@parley/contract/api';
import type { TemplateIssue } from '@parley/templates';
import { errorCount, issuesAt, pointer } from './issues';
import { StatusBadge } from './StatusBadges';

const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2}|_[A-Za-z]{4})?$/;

interface Props {
  languages: string[];
  active: string;
  rows: TemplateLanguageRow[];
  issues: readonly TemplateIssue[];
  onSelect: (language: string) => void;
  onAdd: (language: string) => void;
  onRemove: (language: string) => void;
  children: ReactNode;
}

export function LanguageTabs({ languages, active, rows, issues, onSelect, onAdd, onRemove, children }: Props) {
  const id = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onKey = (e: KeyboardEvent, i: number) => {
    const to =
      e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? languages.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const n = (to + languages.length) % languages.length;
    onSelect(languages[n]!);
    tabs.current[n]?.focus();
  };
  const add = () => {
    const c = code.trim();
    if (!LANGUAGE_CODE.test(c)) return setError('Use Meta’s language code, e.g. en, es, pt_BR, en_US.');
    if (languages.includes(c)) return setError(`The template already has ${c}.`);
    setError(null);
    setCode('');
    onAdd(c);
  };
  return (
    <section className="tpl-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Languages</h2>
      <div className="tpl-tabs-bar">
        <div role="tablist" aria-labelledby={`${id}-title`} className="tpl-tabs">
          {languages.map((lang, i) => {
            const row = rows.find((r) => r.language === lang);
            const errors = errorCount(issuesAt(issues, pointer('languages', lang)));
            return (
              <button
                key={lang}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${lang}`}
                aria-selected={lang === active}
                aria-controls={`${id}-panel`}
                tabIndex={lang === active ? 0 : -1}
                className="tpl-tab"
                onClick={() => onSelect(lang)}
                onKeyDown={(e) => onKey(e, i)}
              >
                <span className="tpl-tab-code">{lang}</span>
                {row ? <StatusBadge row={row} /> : <span className="tpl-badge tone-neutral">Not saved</span>}
                {errors > 0 && <span className="tpl-tab-errors">{errors} to fix</span>}
              </button>
            );
          })}
        </div>
        <div className="tpl-add-lang">
          <label htmlFor={`${id}-code`} className="sr-only">
            New language code
          </label>
          <input
            id={`${id}-code`}
            className="tpl-narrow"
            placeholder="e.g. pt_BR"
            value={code}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}
          />
          <button type="button" onClick={add}>
            <Plus size={14} aria-hidden="true" /> Add language
          </button>
          {languages.length > 1 && (
            <button type="button" className="danger" onClick={() => onRemove(active)}>
              <Trash2 size={14} aria-hidden="true" /> Remove {active}
            </button>
          )}
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-issues error" role="alert">
          {error}
        </p>
      )}
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`} className="tpl-panel">
        {children}
      </div>
    </section>
  );
}
