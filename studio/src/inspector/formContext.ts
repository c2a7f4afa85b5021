/** Builds the inspector's form context from the flow being edited. */
import { useMemo } from 'react';
import type { Flow } from '@parley/flow';
import operatorList from '@parley/flow/operator-catalog';
import flowSchema from '../../../schemas/flow.schema.json';
import { SchemaResolver, type JsonSchema, type UiHints } from './schema';
import type { FormContextValue } from './context';
import type { ValidationIssue } from '@parley/contract';

export const resolver = new SchemaResolver(((flowSchema as unknown as JsonSchema).$defs ?? {}) as Record<string, JsonSchema>);

/** Variables every flow can read, besides its declared ones. */
const BUILTIN_VARIABLES = ['input.text', 'contact.name', 'contact.phone', 'contact.id', 'contact.language', 'trigger.params'];

function flowVariables(flow: Flow): string[] {
  return [...Object.keys(flow.variables ?? {}), ...BUILTIN_VARIABLES];
}

export function useFormContext(
  flow: Flow,
  hints: UiHints,
  issues: ValidationIssue[],
  flowIds: string[],
  taken: Set<string>,
): FormContextValue {
  return useMemo(
    () => ({
      resolver,
      hints,
      languages: flow.languages.length ? flow.languages : ['en'],
      variables: flowVariables(flow),
      intents: (flow.intents ?? []).map((i) => i.name),
      flowIds,
      operators: operatorList,
      issuesAt: (sub: string) => issues.filter((i) => i.path.endsWith(sub) && sub !== '' && pathBelow(i.path, sub)),
      newId: (base: string) => {
        let n = 1;
        while (taken.has(`${base}_${n}`)) n++;
        return `${base}_${n}`;
      },
    }),
    [flow.languages, flow.variables, flow.intents, hints, issues, flowIds, taken],
  );
}

/** True when `full` (/nodes/3/buttons/0/title) ends exactly with the node-relative `sub` (/buttons/0/title). */
function pathBelow(full: string, sub: string): boolean {
  const m = /^\/nodes\/\d+(\/.*)?$/.exec(full);
  return m ? (m[1] ?? '') === sub : full === sub;
}
