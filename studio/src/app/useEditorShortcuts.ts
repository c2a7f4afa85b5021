/**
 * Editor keyboard shortcuts and the clipboard. Copy/cut/paste use the
 * document's clipboard events (text/plain JSON), with localStorage as the
 * fallback when the page cannot read the system clipboard — which also makes
 * paste work in another tab of the same studio.
 */
import { useEffect, useRef } from 'react';
import type { Position } from '../model/doc';
import { CLIPBOARD_STORAGE_KEY, type EditorActions } from './useEditor';
import { isEditableTarget, shortcutFor } from './shortcuts';

interface Options {
  actions: EditorActions;
  selected: ReadonlySet<string>;
  save: () => Promise<boolean>;
  pasteAt: () => Position;
  focusFind: () => void;
}

export function useEditorShortcuts({ actions, selected, save, pasteAt, focusFind }: Options): void {
  const pendingPaste = useRef<number | null>(null);

  useEffect(() => {
    const onCopy = (e: ClipboardEvent) => {
      if (isEditableTarget(e.target) || !selected.size) return;
      const text = actions.copy(selected);
      if (!text) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
      if (e.type === 'cut') actions.remove([...selected], []);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isEditableTarget(e.target)) return;
      const text = e.clipboardData?.getData('text/plain');
      if (pendingPaste.current !== null) {
        clearTimeout(pendingPaste.current);
        pendingPaste.current = null;
      }
      if (text) {
        // Plain text from elsewhere is not a paste into the canvas: ignore it.
        if (actions.paste(text, pasteAt()).length) e.preventDefault();
      } else {
        pasteFromStorage();
      }
    };
    const pasteFromStorage = () => {
      const stored = localStorage.getItem(CLIPBOARD_STORAGE_KEY);
      if (stored) actions.paste(stored, pasteAt());
    };
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      if (!action) return;
      const editable = isEditableTarget(e.target);
      switch (action) {
        case 'save':
          e.preventDefault();
          void save();
          return;
        case 'find':
          e.preventDefault();
          focusFind();
          return;
        case 'undo':
        case 'redo':
          if (editable && (e.target as HTMLElement).closest('.find, .composer, .try-sentence')) return;
          e.preventDefault();
          if (action === 'undo') actions.undo();
          else actions.redo();
          return;
        case 'copy':
          if (editable || !selected.size) return;
          // Fallback for browsers that do not fire 'copy' without a text selection.
          actions.copy(selected);
          return;
        case 'paste':
          if (editable) return;
          // If no 'paste' event arrives (no clipboard permission), paste from the shared storage.
          pendingPaste.current = window.setTimeout(() => {
            pendingPaste.current = null;
            pasteFromStorage();
          }, 80);
          return;
        case 'escape':
          if (!editable) actions.select([]);
          return;
      }
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('keydown', onKey);
    };
  }, [actions, selected, save, pasteAt, focusFind]);
}
