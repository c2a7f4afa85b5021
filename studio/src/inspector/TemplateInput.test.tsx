// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { openTemplateQuery, TemplateInput } from './TemplateInput';

afterEach(cleanup);

function Harness({ initial = '' }: { initial?: string }) {
  const [v, setV] = useState(initial);
  return (
    <>
      <TemplateInput ariaLabel="Text" value={v} onChange={setV} variables={['name', 'email', 'contact.name']} />
      <output data-testid="value">{v}</output>
    </>
  );
}

describe('openTemplateQuery', () => {
  it('finds the variable being typed after an unclosed {{', () => {
    expect(openTemplateQuery('Hi {{na', 7)).toEqual({ start: 3, query: 'na' });
    expect(openTemplateQuery('Hi {{name}} x', 13)).toBeNull();
    expect(openTemplateQuery('Hi {{a + ', 9)).toBeNull();
  });
});

describe('TemplateInput', () => {
  it('suggests declared variables after {{ and inserts the chosen one with the keyboard', () => {
    render(<Harness />);
    const input = screen.getByLabelText('Text') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Hi {{na', selectionStart: 7 } });
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['{{name}}', '{{contact.name}}']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('value').textContent).toBe('Hi {{contact.name}}');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('closes the list on Escape without changing the text', () => {
    render(<Harness />);
    const input = screen.getByLabelText('Text');
    fireEvent.change(input, { target: { value: '{{', selectionStart: 2 } });
    expect(screen.getAllByRole('option')).toHaveLength(3);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByTestId('value').textContent).toBe('{{');
  });
});
