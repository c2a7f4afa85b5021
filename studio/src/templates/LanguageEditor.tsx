/**
 * One language's message: header (none, text with at most one parameter, or an image, video,
 * document or location parameter), body, footer and buttons, each with its limit counted as you
 * type and its problems under it. Authentication templates get Meta's fixed shape instead.
 */
import { useId } from 'react';
import type { TemplateParameterType } from '@parley/contract';
import { TEMPLATE_LIMITS, type AuthenticationContent, type TemplateFile, type TemplateIssue } from '@parley/templates';
import { ButtonsEditor } from './ButtonsEditor';
import { HEADER_FORMATS, headerChoice, setButtons, setHeaderFormat, updateLanguage, type HeaderChoice } from './draft';
import { Field, FieldIssues } from './Field';
import { issuesAt, pointer } from './issues';

const HEADER_LABEL: Record<HeaderChoice, string> = {
  none: 'No header',
  text: 'Text',
  image: 'Image',
  video: 'Video',
  document: 'Document',
  location: 'Location',
};

interface Props {
  template: TemplateFile;
  language: string;
  issues: readonly TemplateIssue[];
  onChange: (t: TemplateFile) => void;
}

export function LanguageEditor({ template, language, issues, onChange }: Props) {
  const id = useId();
  const content = template.languages[language] ?? {};
  const at = (...parts: Array<string | number>) => pointer('languages', language, ...parts);
  const header = content.header;
  const choice = headerChoice(content);
  const mediaParams = (type: TemplateParameterType) =>
    Object.entries(template.parameters ?? {})
      .filter(([, s]) => s.type === type)
      .map(([n]) => n);
  const auth = template.category === 'authentication';
  return (
    <div className="tpl-language">
      <FieldIssues issues={issuesAt(issues, at(), true)} />
      {!auth && (
        <fieldset className="group">
          <legend>Header</legend>
          <div className="field">
            <label htmlFor={`${id}-hformat`}>Header type</label>
            <select
              id={`${id}-hformat`}
              value={choice}
              onChange={(e) => onChange(setHeaderFormat(template, language, HEADER_FORMATS.find((f) => f === e.target.value) ?? 'none'))}
            >
              {HEADER_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {HEADER_LABEL[f]}
                </option>
              ))}
            </select>
          </div>
          {header?.format === 'text' && (
            <Field
              label="Header text"
              at={at('header', 'text')}
              issues={issues}
              max={TEMPLATE_LIMITS.header}
              value={header.text}
              help="At most one {{parameter}}."
              onChange={(text) => onChange(updateLanguage(template, language, { header: { format: 'text', text } }))}
            />
          )}
          {header && header.format !== 'text' && (
            <div className="field">
              <label htmlFor={`${id}-hparam`}>{HEADER_LABEL[header.format]} parameter</label>
              <select
                id={`${id}-hparam`}
                value={header.parameter}
                onChange={(e) => onChange(updateLanguage(template, language, { header: { ...header, parameter: e.target.value } }))}
              >
                <option value="">Choose a parameter</option>
                {mediaParams(header.format).map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
              {mediaParams(header.format).length === 0 && (
                <p className="help">
                  Add a parameter of type {HEADER_LABEL[header.format].toLowerCase()} first; its example is what reviewers see.
                </p>
              )}
            </div>
          )}
          <FieldIssues issues={issuesAt(issues, at('header')).filter((i) => i.path !== at('header', 'text'))} />
        </fieldset>
      )}
      {auth ? (
        <AuthenticationFields
          value={content.authentication}
          issues={issues}
          at={at('authentication')}
          onChange={(authentication) => onChange(updateLanguage(template, language, { authentication }))}
        />
      ) : (
        <Field
          label="Body"
          multiline
          rows={6}
          at={at('body')}
          issues={issues}
          max={TEMPLATE_LIMITS.body}
          value={content.body ?? ''}
          help="Formatting: *bold*, _italic_, ~strikethrough~. A parameter may not start or end the body, and two may not sit side by side."
          onChange={(body) => onChange(updateLanguage(template, language, { body }))}
        />
      )}
      {!auth && (
        <Field
          label="Footer (optional)"
          at={at('footer')}
          issues={issues}
          max={TEMPLATE_LIMITS.footer}
          value={content.footer ?? ''}
          help="No parameters."
          onChange={(footer) => onChange(updateLanguage(template, language, { footer: footer || undefined }))}
        />
      )}
      {!auth && (
        <ButtonsEditor
          template={template}
          language={language}
          buttons={content.buttons ?? []}
          issues={issues}
          onChange={(buttons) => onChange(setButtons(template, language, buttons))}
        />
      )}
    </div>
  );
}

interface AuthProps {
  value: AuthenticationContent | undefined;
  issues: readonly TemplateIssue[];
  at: string;
  onChange: (v: AuthenticationContent) => void;
}

const OTP_TYPES = ['copy_code', 'one_tap', 'zero_tap'] as const;

function AuthenticationFields({ value, issues, at, onChange }: AuthProps) {
  const id = useId();
  const v: AuthenticationContent = value ?? { otp: { type: 'copy_code' } };
  return (
    <fieldset className="group">
      <legend>One-time code</legend>
      <p className="help">Meta writes the text of authentication templates; you choose how the code is delivered.</p>
      <div className="field">
        <label htmlFor={`${id}-otp`}>Code button</label>
        <select
          id={`${id}-otp`}
          value={v.otp.type}
          onChange={(e) => onChange({ ...v, otp: { ...v.otp, type: OTP_TYPES.find((t) => t === e.target.value) ?? 'copy_code' } })}
        >
          <option value="copy_code">Copy code</option>
          <option value="one_tap">One-tap autofill (Android)</option>
          <option value="zero_tap">Zero-tap (Android)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-exp`}>Code expires after (minutes, optional)</label>
        <input
          id={`${id}-exp`}
          inputMode="numeric"
          value={v.codeExpirationMinutes ?? ''}
          onChange={(e) => {
            const n = Number.parseInt(e.target.value, 10);
            const next = { ...v };
            if (Number.isFinite(n)) next.codeExpirationMinutes = n;
            else delete next.codeExpirationMinutes;
            onChange(next);
          }}
        />
      </div>
      <label className="tpl-check">
        <input
          type="checkbox"
          checked={!!v.securityRecommendation}
          onChange={(e) => onChange({ ...v, securityRecommendation: e.target.checked })}
        />{' '}
        Add &ldquo;For your security, do not share this code.&rdquo;
      </label>
      <FieldIssues issues={issuesAt(issues, at)} />
    </fieldset>
  );
}
