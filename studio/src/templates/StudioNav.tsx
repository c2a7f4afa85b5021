/** Flows | Templates: the studio's sections, as links (they are hash routes), the current one marked for screen readers. */
export function StudioNav({ current }: { current: 'flows' | 'templates' }) {
  return (
    <nav className="studio-nav" aria-label="Studio sections">
      <a href="#/" aria-current={current === 'flows' ? 'page' : undefined}>
        Flows
      </a>
      <a href="#/templates" aria-current={current === 'templates' ? 'page' : undefined}>
        Templates
      </a>
    </nav>
  );
}
