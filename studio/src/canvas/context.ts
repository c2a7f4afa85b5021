import { createContext } from 'react';

/** Canvas-wide display settings, read by node components without prop drilling through React Flow. */
export const CanvasContext = createContext<{
  language: string;
  defaultLanguage: string;
  onNoteChange: (id: string, text: string) => void;
}>({ language: 'en', defaultLanguage: 'en', onNoteChange: () => {} });
