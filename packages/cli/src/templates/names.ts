/** The template names a command was given must exist somewhere: in the folder, at Meta or in the lock. */
import type { TemplateLanguageState } from '@parley/contract';
import type { MetaTemplate, TemplateFile } from '@parley/templates';
import { UsageError } from '../errors';

export function checkNames(
  command: string,
  names: Set<string>,
  local: Map<string, TemplateFile>,
  remote: MetaTemplate[],
  lockTenant: Record<string, Record<string, TemplateLanguageState>> | undefined,
): void {
  const known = new Set([...local.keys(), ...remote.map((t) => t.name), ...Object.keys(lockTenant ?? {})]);
  const unknown = [...names].filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  throw new UsageError(
    `parley templates ${command}: no template named ${unknown.map((n) => `"${n}"`).join(', ')} in the folder, the lock or the account`,
  );
}
