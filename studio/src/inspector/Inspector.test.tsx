// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { NODE_TYPES, type Flow, type FlowNode, type MessageNode } from '@parley/flow';
import { Inspector } from './Inspector';
import { nodeEditors } from '../nodes/registry';

afterEach(cleanup);

function flowWith(node: FlowNode, languages = ['en']): Flow {
  return {
    id: 'f',
    name: 'F',
    specVersion: '1.0.0',
    revision: 1,
    languages,
    start: node.id,
    variables: { name: { type: 'string' }, email: { type: 'string' } },
    nodes: [node, { id: 'done', type: 'end' }],
  };
}

function renderInspector(node: FlowNode, languages?: string[]) {
  const onChange = vi.fn();
  const onConnect = vi.fn();
  const utils = render(
    <Inspector
      flow={flowWith(node, languages)}
      node={node}
      issues={[]}
      flowIds={[]}
      onChange={onChange}
      onRename={() => true}
      onConnect={onConnect}
      onSetStart={() => {}}
      onDelete={() => {}}
    />,
  );
  return { ...utils, onChange, onConnect };
}

describe('Inspector (schema-driven form)', () => {
  it.each(NODE_TYPES)('renders a form for a new "%s" node from its schema fragment', (type) => {
    const node = nodeEditors[type].create(`${type}_1`);
    renderInspector(node);
    expect(screen.getByRole('region', { name: new RegExp(nodeEditors[type].title) })).toBeTruthy();
    // No field falls back to raw JSON for the properties the hints describe.
    expect(document.querySelectorAll('.field').length).toBeGreaterThan(1);
  });

  it('edits a message text and removes an emptied optional field', () => {
    const node: MessageNode = { id: 'm', type: 'message', text: 'Hi', saveAs: 'name' };
    const { onChange } = renderInspector(node);
    fireEvent.change(screen.getByLabelText('Message text'), { target: { value: 'Hello there' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...node, text: 'Hello there' }, 'text');
    fireEvent.change(screen.getByLabelText('Message text'), { target: { value: '' } });
    expect(onChange.mock.lastCall![0]).not.toHaveProperty('text');
  });

  it('adds buttons with unique ids and shows the WhatsApp title limit while typing', () => {
    let node: MessageNode = { id: 'm', type: 'message', text: 'Pick', buttons: [{ id: 'button_1', title: 'One' }] };
    const { onChange, rerender } = renderInspector(node);
    fireEvent.click(screen.getByRole('button', { name: '+ Add button' }));
    node = onChange.mock.lastCall![0];
    expect(node.buttons).toEqual([
      { id: 'button_1', title: 'One' },
      { id: 'button_2', title: '' },
    ]);
    rerender(
      <Inspector
        flow={flowWith(node)}
        node={{ ...node, buttons: [{ id: 'button_1', title: 'A title that is too long for it' }] }}
        issues={[]}
        flowIds={[]}
        onChange={onChange}
        onRename={() => true}
        onConnect={() => {}}
        onSetStart={() => {}}
        onDelete={() => {}}
      />,
    );
    expect(screen.getByText(/31\/20 — too long for WhatsApp/)).toBeTruthy();
  });

  it('keeps one language as a plain string and switches to a map when translated', () => {
    const node: MessageNode = { id: 'm', type: 'message', text: 'Hi' };
    const { onChange } = renderInspector(node, ['en', 'es']);
    fireEvent.change(screen.getByLabelText('Message text (es)'), { target: { value: 'Hola' } });
    expect(onChange.mock.lastCall![0].text).toEqual({ en: 'Hi', es: 'Hola' });
  });

  it('shows issues next to the field they are about', () => {
    const node: MessageNode = { id: 'm', type: 'message', text: 'Pick', buttons: [{ id: 'b', title: 'x' }] };
    render(
      <Inspector
        flow={flowWith(node)}
        node={node}
        flowIds={[]}
        onChange={() => {}}
        onRename={() => true}
        onConnect={() => {}}
        onSetStart={() => {}}
        onDelete={() => {}}
        issues={[{ severity: 'error', code: 'c', message: 'Button titles must be unique.', path: '/nodes/0/buttons/0/title', nodeId: 'm' }]}
      />,
    );
    const input = screen.getByLabelText('Button title');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(
        input
          .getAttribute('aria-describedby')!
          .split(' ')
          .find((x) => x.endsWith('issues'))!,
      )!.textContent,
    ).toContain('Button titles must be unique.');
  });

  it('connects an exit from a list, for keyboard users, and can end a branch on purpose', () => {
    const node: MessageNode = { id: 'm', type: 'message', text: 'Hi' };
    const { onConnect } = renderInspector(node);
    const select = screen.getByLabelText('next') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'done' } });
    expect(onConnect).toHaveBeenLastCalledWith('next', 'done');
    fireEvent.change(select, { target: { value: '\u0000end' } });
    expect(onConnect).toHaveBeenLastCalledWith('next', null);
  });

  it('refuses an invalid rename with a plain-words message', () => {
    renderInspector({ id: 'm', type: 'message', text: 'Hi' });
    const id = screen.getByLabelText('Technical name (used in connections)');
    fireEvent.change(id, { target: { value: '9 lives' } });
    act(() => {
      fireEvent.blur(id);
    });
    expect(screen.getByRole('alert').textContent).toMatch(/starting with a letter/);
  });
});
