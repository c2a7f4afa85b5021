/**
 * One language's buttons: each with the fields its type needs (quick reply: text and payload;
 * URL: text and link with an optional {{parameter}} suffix; phone; copy code: the parameter with
 * the code; flow: the WhatsApp Flow's id), reorder (quick replies must stay together), remove, add.
 */
import { useId, useState } from 'react';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { TEMPLATE_LIMITS, type TemplateButton, type TemplateFile, type TemplateIssue } from '@parley/templates';
import { BUTTON_TYPES, blankButton, type ButtonType } from './draft';
import { Field, FieldIssues } from './Field';
import { issuesAt, pointer } from './issues';

const MAX_BUTTONS = TEMPLATE_LIMITS.buttons;

const BUTTON_LABEL: Record<ButtonType, string> = {
  quick_reply: 'Quick reply',
  url: 'Link (URL)',
  phone_number: 'Call (phone)',
  copy_code: 'Copy code',
  flow: 'WhatsApp Flow',
};

interface Props {
  template: TemplateFile;
  language: string;
  buttons: TemplateButton[];
  issues: readonly TemplateIssue[];
  onChange: (buttons: TemplateButton[]) => void;
}

export function ButtonsEditor({ template, language, buttons, issues, onChange }: Props) {
  const id = useId();
  const [type, setType] = useState<ButtonType>('quick_reply');
  const at = pointer('languages', language, 'buttons');
  const replace = (i: number, b: TemplateButton) => onChange(buttons.map((x, n) => (n === i ? b : x)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...buttons];
    const [b] = next.splice(i, 1);
    next.splice(i + by, 0, b!);
    onChange(next);
  };
  const textParams = Object.entries(template.parameters ?? {})
    .filter(([, s]) => s.type === 'text')
    .map(([n]) => n);
  return (
    <fieldset className="group tpl-buttons" aria-describedby={`${id}-count`}>
      <legend>Buttons</legend>
      <p id={`${id}-count`} className={`help${buttons.length > MAX_BUTTONS ? ' over' : ''}`}>
        {buttons.length}/{MAX_BUTTONS} buttons. Quick replies must sit together; at most 2 links, 1 phone and 1 copy code.
      </p>
      <FieldIssues issues={issuesAt(issues, at, true)} />
      <ol className="tpl-button-list">
        {buttons.map((b, i) => (
          <li key={i} className="list-item" data-button={i}>
            <div className="list-item-head">
              <span>
                Button {i + 1}: {BUTTON_LABEL[b.type]}
              </span>
              <span className="list-item-actions">
                <button type="button" aria-label={`Move button ${i + 1} up`} title="Move up" disabled={i === 0} onClick={() => move(i, -1)}>
                  <ArrowUp size={13} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  aria-label={`Move button ${i + 1} down`}
                  title="Move down"
                  disabled={i === buttons.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <ArrowDown size={13} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Remove button ${i + 1}`}
                  title="Remove"
                  onClick={() => onChange(buttons.filter((_, n) => n !== i))}
                >
                  <Trash2 size={13} aria-hidden="true" />
                </button>
              </span>
            </div>
            <ButtonFields
              button={b}
              at={pointer('languages', language, 'buttons', i)}
              issues={issues}
              textParams={textParams}
              onChange={(next) => replace(i, next)}
            />
          </li>
        ))}
      </ol>
      <div className="tpl-add-row">
        <div className="field">
          <label htmlFor={`${id}-type`}>New button</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(BUTTON_TYPES.find((t) => t === e.target.value) ?? 'quick_reply')}>
            {BUTTON_TYPES.map((t) => (
              <option key={t} value={t}>
                {BUTTON_LABEL[t]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={buttons.length >= MAX_BUTTONS} onClick={() => onChange([...buttons, blankButton(type)])}>
          <Plus size={14} aria-hidden="true" /> Add button
        </button>
      </div>
    </fieldset>
  );
}

interface FieldsProps {
  button: TemplateButton;
  at: string;
  issues: readonly TemplateIssue[];
  textParams: string[];
  onChange: (b: TemplateButton) => void;
}

function ButtonFields({ button: b, at, issues, textParams, onChange }: FieldsProps) {
  const id = useId();
  const common = { issues };
  const textField =
    b.type !== 'copy_code' ? (
      <Field
        {...common}
        label="Button text"
        at={`${at}/text`}
        max={TEMPLATE_LIMITS.buttonText}
        value={b.text}
        onChange={(text) => onChange({ ...b, text })}
      />
    ) : null;
  const own = <FieldIssues issues={issuesAt(issues, at, true)} />;
  switch (b.type) {
    case 'quick_reply':
      return (
        <>
          {textField}
          <Field
            {...common}
            label="Payload (optional)"
            at={`${at}/payload`}
            value={b.payload ?? ''}
            help="What the flow receives when the button is tapped; the text when empty."
            onChange={(payload) => onChange(payload ? { ...b, payload } : { type: b.type, text: b.text })}
          />
          {own}
        </>
      );
    case 'url':
      return (
        <>
          {textField}
          <Field
            {...common}
            label="Link"
            at={`${at}/url`}
            value={b.url}
            help="https only. May end with one {{parameter}}, e.g. https://shop.example.com/cart/{{cart_id}}."
            onChange={(url) => onChange({ ...b, url })}
          />
          {own}
        </>
      );
    case 'phone_number':
      return (
        <>
          {textField}
          <Field
            {...common}
            label="Phone number"
            at={`${at}/phone`}
            value={b.phone}
            help="With the country code, e.g. +15550100."
            onChange={(phone) => onChange({ ...b, phone })}
          />
          {own}
        </>
      );
    case 'copy_code':
      return (
        <div className="field">
          <label htmlFor={`${id}-param`}>Parameter with the code</label>
          <select id={`${id}-param`} value={b.parameter} onChange={(e) => onChange({ ...b, parameter: e.target.value })}>
            <option value="">Choose a text parameter</option>
            {textParams.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <FieldIssues issues={issuesAt(issues, at)} />
        </div>
      );
    case 'flow':
      return (
        <>
          {textField}
          <Field
            {...common}
            label="WhatsApp Flow id"
            at={`${at}/flowId`}
            value={b.flowId}
            onChange={(flowId) => onChange({ ...b, flowId })}
          />
          <div className="field">
            <label htmlFor={`${id}-action`}>When tapped</label>
            <select
              id={`${id}-action`}
              value={b.flowAction ?? 'navigate'}
              onChange={(e) => onChange({ ...b, flowAction: e.target.value === 'data_exchange' ? 'data_exchange' : 'navigate' })}
            >
              <option value="navigate">Open a screen</option>
              <option value="data_exchange">Exchange data with your endpoint</option>
            </select>
          </div>
          {own}
        </>
      );
  }
}
