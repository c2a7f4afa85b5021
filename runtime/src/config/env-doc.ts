/**
 * The environment section of docs/operations.md, generated from the table in environment.ts
 * (env-doc.test.ts fails when the doc is stale). Rewrite it after changing the table:
 *   npx tsx runtime/src/config/env-doc.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT, NAMED_SECRETS, type EnvName } from './environment';

export const OPERATIONS_DOC = fileURLToPath(new URL('../../../docs/operations.md', import.meta.url));
export const BEGIN =
  '<!-- environment: generated from runtime/src/config/environment.ts by `npx tsx runtime/src/config/env-doc.ts --write`; do not edit by hand -->';
export const END = '<!-- /environment -->';

/** A table cell cannot hold a raw `|`. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderEnvironmentSection(): string {
  const fixed = (Object.keys(ENVIRONMENT) as EnvName[]).map((name) => {
    const v = ENVIRONMENT[name];
    return `| \`${name}\` | \`${v.sets}\` | ${v.secret ? 'yes' : 'no'} | ${cell(v.default)} | ${cell(v.meaning)} |`;
  });
  const named = NAMED_SECRETS.map(
    (s) => `| \`${s.field}\` | \`${s.sets}\` | ${s.defaultName ? `\`${s.defaultName}\`` : '—'} | ${cell(s.meaning)} |`,
  );
  return [
    BEGIN,
    '| variable | sets | secret | when unset | meaning |',
    '|---|---|---|---|---|',
    ...fixed,
    '',
    'Secrets are never in the config file: it names the variable that holds each one, and the',
    'runtime reads the value once at start (missing tenant secrets are warned about by name).',
    '',
    '| config field naming the variable | sets | default name | meaning |',
    '|---|---|---|---|',
    ...named,
    END,
  ].join('\n');
}

/** The doc with its environment section replaced by the generated one. */
export function withGeneratedSection(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${OPERATIONS_DOC} has no generated environment section (${BEGIN} … ${END})`);
  return doc.slice(0, start) + renderEnvironmentSection() + doc.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(OPERATIONS_DOC, withGeneratedSection(readFileSync(OPERATIONS_DOC, 'utf8')));
  process.stdout.write(`updated ${OPERATIONS_DOC}\n`);
}
