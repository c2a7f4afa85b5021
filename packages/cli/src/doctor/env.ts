/** Every environment variable the config names is set — reported by name, never by value. */
import type { DoctorConfig, EnvReference } from './config';
import { fail, ok, type Finding } from './report';

type Env = Readonly<Record<string, string | undefined>>;

export function checkEnv(config: DoctorConfig, references: readonly EnvReference[], env: Env): Finding[] {
  const pointersOf = new Map<string, string[]>();
  for (const ref of references) pointersOf.set(ref.name, [...(pointersOf.get(ref.name) ?? []), ref.pointer]);
  const isSet = (name: string): boolean => Boolean(env[name]);
  // The admin API accepts a token or a password: one of the two is enough.
  const adminNames = new Set([config.admin.tokenEnv, config.admin.passwordEnv]);
  const adminReachable = [...adminNames].some(isSet);

  const findings: Finding[] = [];
  const present: string[] = [];
  const optional: string[] = [];
  for (const [name, pointers] of pointersOf) {
    if (isSet(name)) {
      present.push(name);
      continue;
    }
    const where = `named by ${pointers.join(', ')}`;
    if (adminNames.has(name) && pointers.every((p) => p.startsWith('/admin/'))) {
      if (adminReachable) optional.push(name);
      continue;
    }
    findings.push(fail('env', `${name} is not set (${where})`));
  }
  if (!adminReachable) {
    findings.push(
      fail(
        'env',
        `neither ${config.admin.tokenEnv} nor ${config.admin.passwordEnv} is set: the runtime would make up a new admin token at every start`,
      ),
    );
  }
  const unneeded = optional.length > 0 ? ` (${optional.join(', ')} unset: the other admin credential is enough)` : '';
  if (present.length > 0) findings.unshift(ok('env', `set: ${present.join(', ')}${unneeded}`));
  return findings;
}
