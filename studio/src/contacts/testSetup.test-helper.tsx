/** Shared by the Contacts component tests: a page over the fake runtime, with the route held like App holds it. */
import { render } from '@testing-library/react';
import { useState } from 'react';
import type { CustomFieldDefinition } from '@parley/contract';
import { ApiClient } from '../api/client';
import { ContactsPage } from './ContactsPage';
import { contact, type FakeContactsRuntime } from './fakeContactsRuntime';

export const DAY = 86_400_000;

export const FIELDS: CustomFieldDefinition[] = [
  { key: 'plan', label: 'Plan', type: 'choice', choices: ['free', 'pro'] },
  { key: 'orders', label: 'Orders', type: 'number' },
];

/** Five people: two opted in, one opted out; messages 1, 3, 40 and 90 days ago and one never. */
export function people(now: number) {
  return [
    contact({
      id: 'c-ana',
      address: '+351912345678',
      name: 'Ana Silva',
      language: 'pt',
      tags: ['vip', 'lisbon'],
      fields: { plan: 'pro', orders: 7 },
      lastInboundAt: now - 3 * DAY,
      consent: { marketing: { status: 'opted_in', at: now - 10 * DAY }, utility: { status: 'none' } },
    }),
    contact({
      id: 'c-ben',
      address: '+447700900123',
      name: 'Ben Jones',
      language: 'en',
      tags: ['vip'],
      lastInboundAt: now - 40 * DAY,
      consent: { marketing: { status: 'opted_out' }, utility: { status: 'none' } },
    }),
    contact({ id: 'c-cho', address: '+5511987654321', name: 'Cho Lee', language: 'pt_BR', lastInboundAt: now - 90 * DAY }),
    contact({
      id: 'c-dan',
      address: '+34600111222',
      name: 'Dan Ruiz',
      language: 'es',
      tags: ['madrid'],
      lastInboundAt: now - 1 * DAY,
      consent: { marketing: { status: 'opted_in' }, utility: { status: 'opted_in' } },
    }),
    contact({ id: 'c-eve', address: '+14155550100', tags: [] }),
  ];
}

export function renderPage(fake: FakeContactsRuntime, opts: { open?: string; pageSize?: number } = {}) {
  const api = new ApiClient('token', '/api', fake.fetch);
  function Harness() {
    const [id, setId] = useState<string | null>(opts.open ?? null);
    return (
      <ContactsPage
        api={api}
        id={id}
        onNavigate={setId}
        nav={null}
        onSignOut={() => {}}
        now={() => fake.now}
        debounceMs={20}
        pollMs={10}
        pageSize={opts.pageSize ?? 50}
      />
    );
  }
  return render(<Harness />);
}

export const row = (id: string) => document.querySelector(`tr[data-contact="${id}"]`) as HTMLElement | null;
export const shownIds = () => [...document.querySelectorAll('tr[data-contact]')].map((r) => (r as HTMLElement).dataset.contact);
