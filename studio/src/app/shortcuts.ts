/** Keyboard shortcuts of the editor, in one place (Ctrl on Linux/Windows, ⌘ on macOS). */
export type Shortcut = 'undo' | 'redo' | 'copy' | 'paste' | 'save' | 'find' | 'escape';

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): Shortcut | null {
  if (e.key === 'Escape') return 'escape';
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y') return 'redo';
  if (k === 'c') return 'copy';
  if (k === 'v') return 'paste';
  if (k === 's') return 'save';
  if (k === 'f') return 'find';
  return null;
}

export function isEditableTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"]');
}
