/** Every migration, oldest first. A spec change adds one module here and its fixtures in fixtures/<from>-to-<to>/. */
import type { Migration } from './types';
import { v0_9_0_to_v1_0_0 } from './v0_9_0-to-v1_0_0';

export const migrations: readonly Migration[] = [v0_9_0_to_v1_0_0];

/** Spec versions this Parley can read, oldest first. */
export const KNOWN_SPEC_VERSIONS: readonly string[] = [...migrations.map((m) => m.from), ...migrations.slice(-1).map((m) => m.to)];
