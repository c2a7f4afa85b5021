import { createContext, useContext } from 'react';
import type { SchemaResolver, UiHints } from './schema';
import type { ValidationIssue } from '@parley/contract';

export interface FormContextValue {
  resolver: SchemaResolver;
  hints: UiHints;
  languages: string[];
  /** Declared variables plus built-ins, for `{{ }}` autocomplete and variable pickers. */
  variables: string[];
  intents: string[];
  flowIds: string[];
  operators: Array<{ name: string; description?: string }>;
  /** Issues of the edited node keyed by JSON pointer below the node ("/buttons/0/title"). */
  issuesAt: (subPath: string) => ValidationIssue[];
  /** Make new ids unique within the flow. */
  newId: (base: string) => string;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const ctx = useContext(FormContext);
  if (!ctx) throw new Error('FormContext missing: render fields inside <FormContext.Provider>.');
  return ctx;
}

export function pointer(path: ReadonlyArray<string | number>): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
