// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Flow, TemplateNode } from '@parley/flow';
import type { ValidationIssue } from '@parley/contract';
import type { TemplateSummary } from '@parley/contract/api';
import { validateTemplate, type TemplateFile } from '@parley/templates';
import { Inspector } from './Inspector';
import { TemplateCatalogContext, catalogInfos, pickerOrder, type TemplateCatalog } from './templateCatalog';
import { runValidation } from '../validation/run';
import cartDoc from '../../../templates/cart_reminder.template.json';
import orderDoc from '../../../templates/order_update.template.json';

afterEach(cleanup);

function templateFile(doc: unknown, name: string): TemplateFile {
  const { template, issues } = validateTemplate(doc, `${name}.template.json`);
  if (!template) throw new Error(`example template ${name} is invalid: ${JSON.stringify(issues)}`);
  return template;
}

function summaryOf(file: TemplateFile, statuses: Record<string, string>): TemplateSummary {
  const parameters = Object.fromEntries(
    Object.entries(file.parameters ?? {}).map(([n, p]) => [n, { type: p.type, optional: p.fallback !== undefined }]),
  );
  return {
    name: file.name,
    category: file.category,
    parameters,
    languages: Object.keys(file.languages).map((language) => ({
      language,
      status: (statuses[language] ?? 'not_submitted') as TemplateSummary['languages'][number]['status'],
      fileHash: 'h',
      changed: false,
    })),
    issues: [],
    usedBy: [],
  };
}

const cart = templateFile(cartDoc, 'cart_reminder');
const order = templateFile(orderDoc, 'order_update');
const catalog: TemplateCatalog = {
  state: 'ready',
  entries: [
    { summary: summaryOf(order, { en: 'pending', es: 'pending' }), file: order },
    { summary: summaryOf(cart, { en: 'approved', es: 'rejected' }), file: cart },
  ],
};

const flowOf = (node: TemplateNode): Flow => ({
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: node.id,
  variables: { name: { type: 'string', default: 'Ada' }, count: { type: 'number', default: 3 } },
  nodes: [node, { id: 'done', type: 'end' }],
});

function renderNode(node: TemplateNode, issues: ValidationIssue[] = [], value: TemplateCatalog = catalog) {
  const onChange = vi.fn();
  render(
    <TemplateCatalogContext.Provider value={value}>
      <Inspector
        flow={flowOf(node)}
        node={node}
        issues={issues}
        flowIds={[]}
        onChange={onChange}
        onRename={() => true}
        onConnect={() => {}}
        onSetStart={() => {}}
        onDelete={() => {}}
      />
    </TemplateCatalogContext.Provider>,
  );
  return onChange;
}

describe('template node inspector', () => {
  it('lists approved templates first and marks the others with their status', () => {
    expect(pickerOrder(catalog.state === 'ready' ? catalog.entries : []).map((e) => e.summary.name)).toEqual([
      'cart_reminder',
      'order_update',
    ]);
    renderNode({ id: 't', type: 'template', name: 'cart_reminder', language: 'en' });
    const picker = screen.getByLabelText(/^Template/) as HTMLSelectElement;
    const groups = [...picker.querySelectorAll('optgroup')].map((g) => [
      g.label,
      [...g.querySelectorAll('option')].map((o) => o.textContent),
    ]);
    expect(groups).toEqual([
      ['Approved', ['cart_reminder (en approved, es rejected)']],
      ['Not approved yet', ['order_update (pending)']],
    ]);
    const language = screen.getByLabelText(/^Language/) as HTMLSelectElement;
    expect([...language.options].map((o) => o.textContent)).toEqual(['en — approved', 'es — rejected']);
    expect(screen.getByText(/Approved by WhatsApp/)).toBeTruthy();
  });

  it('picking another template keeps the mappings it shares and a language it has', () => {
    const onChange = renderNode({
      id: 't',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: '{{name}}', cart_id: 'x1' },
    });
    fireEvent.change(screen.getByLabelText(/^Template/), { target: { value: 'order_update' } });
    expect(onChange).toHaveBeenLastCalledWith(
      { id: 't', type: 'template', name: 'order_update', language: 'en', values: { first_name: '{{name}}' } },
      'name',
    );
  });

  it('has one row per parameter, required or optional, and maps a value as typed', () => {
    const onChange = renderNode({ id: 't', type: 'template', name: 'cart_reminder', language: 'en' });
    const rows = screen.getByRole('group', { name: 'Parameters' });
    expect(within(rows).getAllByRole('combobox').length).toBe(Object.keys(cart.parameters!).length);
    expect(within(rows).getByLabelText(/item_count.*required/)).toBeTruthy();
    expect(within(rows).getByLabelText(/first_name.*optional — else “there”/)).toBeTruthy();
    fireEvent.change(within(rows).getByLabelText(/item_count/), { target: { value: '{{count}}', selectionStart: 9 } });
    expect(onChange).toHaveBeenLastCalledWith(
      { id: 't', type: 'template', name: 'cart_reminder', language: 'en', values: { item_count: '{{count}}' } },
      'values',
    );
  });

  it('previews the message with the variables’ defaults, else the examples, and says which', () => {
    renderNode({
      id: 't',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: '{{name}}', item_count: '{{count}}' },
    });
    const bubble = screen.getByRole('figure', { name: 'cart_reminder (en)' });
    expect(bubble.textContent).toContain('Hi Ada, you left 3 items ($129.90) in your cart.');
    expect(bubble.textContent).toContain('Complete order');
    expect(document.querySelector('.tpl-sources')?.textContent).toBe(
      'Values shown — cart_total, cart_id: the template’s example; product_image: the fallback; first_name, item_count: from the variables’ defaults.',
    );
  });

  it('shows the validator’s issues on the parameter rows, and an extra parameter with a way to remove it', () => {
    const node: TemplateNode = {
      id: 't',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { coupon: 'X', item_count: 'many' },
    };
    const issues = runValidation(flowOf(node), undefined, catalogInfos(catalog)).filter((i) => i.nodeId === 't');
    expect(issues.map((i) => i.path).sort()).toEqual(expect.arrayContaining(['/nodes/0/values/coupon', '/nodes/0/values/item_count']));
    const onChange = renderNode(node, issues);
    const rows = screen.getByRole('group', { name: 'Parameters' });
    for (const i of issues.filter((x) => x.path.startsWith('/nodes/0/values/'))) expect(within(rows).getByText(i.message)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove parameter coupon' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...node, values: { item_count: 'many' } }, 'values');
  });

  it('without a catalogue, name and language are typed as before', () => {
    const onChange = renderNode({ id: 't', type: 'template', name: 'legacy_one', language: 'en' }, [], { state: 'off', reason: 'none' });
    fireEvent.change(screen.getByLabelText(/^Template/), { target: { value: 'legacy_two' } });
    expect(onChange).toHaveBeenLastCalledWith({ id: 't', type: 'template', name: 'legacy_two', language: 'en' }, 'name');
    expect(screen.queryByRole('figure')).toBeNull();
  });
});
