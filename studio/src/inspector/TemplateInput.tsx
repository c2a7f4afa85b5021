/**
 * Text input with `{{variable}}` autocomplete: typing `{{` opens a list of
 * declared variables; arrows move, Enter/Tab insert, Escape closes.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  id?: string;
  value: string;
  onChange: (v: string) => void;
  variables: string[];
  multiline?: boolean;
  placeholder?: string;
  ariaLabel?: string;
  ariaDescribedBy?: string;
  invalid?: boolean;
}

/** The partial variable name being typed after an unclosed `{{`, if any. */
export function openTemplateQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return null;
  const query = before.slice(open + 2).trimStart();
  if (!/^[A-Za-z0-9_.]*$/.test(query)) return null;
  return { start: open, query };
}

export function TemplateInput(props: Props) {
  const { value, onChange, variables, multiline } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(
    () => (query ? variables.filter((v) => v.toLowerCase().includes(query.query.toLowerCase())).slice(0, 8) : []),
    [query, variables],
  );
  const open = matches.length > 0;

  const update = (text: string, caret: number) => {
    onChange(text);
    setQuery(openTemplateQuery(text, caret));
    setActive(0);
  };

  const insert = (name: string) => {
    const el = ref.current;
    if (!el || !query) return;
    const caret = el.selectionStart ?? value.length;
    const after = value.slice(caret).replace(/^[A-Za-z0-9_.]*\s*(\}\})?/, '');
    const text = `${value.slice(0, query.start)}{{${name}}}${after}`;
    onChange(text);
    setQuery(null);
    const pos = query.start + name.length + 4;
    requestAnimationFrame(() => el.setSelectionRange(pos, pos));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(matches[active]!);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setQuery(null);
    }
  };

  const common = {
    id: props.id,
    ref,
    value,
    placeholder: props.placeholder,
    'aria-label': props.ariaLabel,
    'aria-describedby': props.ariaDescribedBy,
    'aria-invalid': props.invalid || undefined,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
    onKeyDown,
    onBlur: () => setTimeout(() => setQuery(null), 150),
    onChange: (e: { target: { value: string; selectionStart: number | null } }) =>
      update(e.target.value, e.target.selectionStart ?? e.target.value.length),
  };

  return (
    <div className="template-input">
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" role="combobox" {...common} />}
      {open && (
        <ul className="autocomplete" role="listbox" id={listId}>
          {matches.map((m, i) => (
            <li
              key={m}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(m);
              }}
            >
              {`{{${m}}}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
