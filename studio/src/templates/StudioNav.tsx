export type StudioSection = 'flows' | 'templates' | 'contacts' | 'campaigns';

/** Flows | Templates | Contacts | Campaigns: the studio's sections, as links (they are hash routes), the current one marked for screen readers. */
export function StudioNav({ current }: { current: StudioSection }) {
  return (
    <nav className="studio-nav" aria-label="Studio sections">
      <a href="#/" aria-current={current === 'flows' ? 'page' : undefined}>
        Flows
      </a>
      <a href="#/templates" aria-current={current === 'templates' ? 'page' : undefined}>
        Templates
      </a>
      <a href="#/contacts" aria-current={current === 'contacts' ? 'page' : undefined}>
        Contacts
      </a>
      <a href="#/campaigns" aria-current={current === 'campaigns' ? 'page' : undefined}>
        Campaigns
      </a>
    </nav>
  );
}
