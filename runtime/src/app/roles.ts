export type Role = 'ingress' | 'worker' | 'scheduler' | 'sender';
export const ALL_ROLES: readonly Role[] = ['ingress', 'worker', 'scheduler', 'sender'];

/** Parses `--role all` / `--role ingress,worker` (repeatable). Throws a plain message on a bad name. */
export function parseRoles(values: string[]): Set<Role> {
  const roles = new Set<Role>();
  for (const v of values.flatMap((x) => x.split(','))) {
    const name = v.trim();
    if (name === 'all') ALL_ROLES.forEach((r) => roles.add(r));
    else if ((ALL_ROLES as readonly string[]).includes(name)) roles.add(name as Role);
    else throw new Error(`unknown role "${name}": use ${[...ALL_ROLES, 'all'].join(', ')}`);
  }
  if (roles.size === 0) ALL_ROLES.forEach((r) => roles.add(r));
  return roles;
}
