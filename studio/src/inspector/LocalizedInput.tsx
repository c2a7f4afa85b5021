/**
 * A text shown to the user, one box per flow language. Stored as a plain string
 * while only the default language is filled (the common case, clean diffs), as
 * `{ lang: text }` once a translation exists. Empty translations are flagged.
 */
import type { LocalizedText } from '@parley/flow';
import { TemplateInput } from './TemplateInput';

function localizedGet(value: LocalizedText | undefined, lang: string, defaultLang: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return lang === defaultLang ? value : '';
  return value[lang] ?? '';
}

function localizedSet(value: LocalizedText | undefined, lang: string, text: string, languages: string[]): LocalizedText | undefined {
  const defaultLang = languages[0] ?? 'en';
  const map: Record<string, string> = typeof value === 'string' ? { [defaultLang]: value } : { ...(value ?? {}) };
  if (text) map[lang] = text;
  else delete map[lang];
  const keys = Object.keys(map);
  if (keys.length === 0) return undefined;
  if (keys.length === 1 && keys[0] === defaultLang) return map[defaultLang];
  // Stable order: the flow's language order, then anything else.
  const ordered: Record<string, string> = {};
  for (const l of languages) if (l in map) ordered[l] = map[l]!;
  for (const k of keys) if (!(k in ordered)) ordered[k] = map[k]!;
  return ordered;
}

interface Props {
  id: string;
  label: string;
  value: LocalizedText | undefined;
  onChange: (v: LocalizedText | undefined) => void;
  languages: string[];
  variables: string[];
  maxLength?: number;
  multiline?: boolean;
  describedBy?: string;
  invalid?: boolean;
}

export function LocalizedInput({ id, label, value, onChange, languages, variables, maxLength, multiline, describedBy, invalid }: Props) {
  const defaultLang = languages[0] ?? 'en';
  const langs = languages.length ? languages : ['en'];
  return (
    <div className="localized">
      {langs.map((lang, i) => {
        const text = localizedGet(value, lang, defaultLang);
        const over = maxLength !== undefined && [...text].length > maxLength;
        const untranslated = i > 0 && value !== undefined && !text.trim();
        const inputId = i === 0 ? id : `${id}-${lang}`;
        return (
          <div key={lang} className={`lang-row${untranslated ? ' untranslated' : ''}`}>
            {langs.length > 1 && (
              <label className="lang-tag" htmlFor={inputId} title={untranslated ? 'Not translated yet' : lang}>
                {lang}
              </label>
            )}
            <TemplateInput
              id={inputId}
              value={text}
              multiline={multiline}
              variables={variables}
              ariaLabel={langs.length > 1 ? `${label} (${lang})` : label}
              ariaDescribedBy={describedBy}
              invalid={invalid || over}
              placeholder={untranslated ? `Translate: ${localizedGet(value, defaultLang, defaultLang)}` : undefined}
              onChange={(t) => onChange(localizedSet(value, lang, t, langs))}
            />
            {maxLength !== undefined && (
              <span className={`counter${over ? ' over' : ''}`} aria-live="polite">
                {[...text].length}/{maxLength}
                {over ? ' — too long for WhatsApp' : ''}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
