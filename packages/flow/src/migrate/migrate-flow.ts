/**
 * Upgrades a flow document to the current spec version by chaining
 * migrations (0.9.0 → 1.0.0 → …). Never throws: a document it cannot read,
 * a version with no migration path, or a version from the future is reported as
 * an issue. The result is not validated; run validateFlow on it.
 */
import { SPEC_VERSION } from '../types';
import type { ValidationIssue } from '../validate/issue';
import { issue } from '../validate/issue';
import { checkHardLimits } from '../validate/limits';
import { migrations } from './registry';
import { compareVersions, parseVersion } from './semver';
import type { JsonObject, Migration } from './types';
import { MigrationProblem } from './types';

export interface MigrationResult {
  ok: boolean;
  /** The document at the current spec version (the input itself when no migration was needed). */
  flow?: unknown;
  /** The steps applied, e.g. ["0.9.0 → 1.0.0"]. */
  applied: string[];
  issues: ValidationIssue[];
}

/** The spec version a document declares: `specVersion` since 1.0, `version` in the 0.9 draft. */
export function declaredSpecVersion(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const record = doc as JsonObject;
  const version = record.specVersion ?? record.version;
  return typeof version === 'string' ? version : undefined;
}

function fail(code: string, message: string, path: string, applied: string[]): MigrationResult {
  return { ok: false, applied, issues: [issue('error', code, message, path)] };
}

export function migrateFlow(doc: unknown, registry: readonly Migration[] = migrations, target = SPEC_VERSION): MigrationResult {
  // The same bounded pre-check as validation, so a hostile document costs nothing to refuse.
  const limits = checkHardLimits(doc);
  if (limits.length > 0) return { ok: false, applied: [], issues: limits };
  const version = declaredSpecVersion(doc);
  if (version === undefined) {
    return fail(
      'spec-version-missing',
      'The document has no "specVersion" (nor a 0.9 "version"), so it cannot be migrated.',
      '/specVersion',
      [],
    );
  }
  if (!parseVersion(version))
    return fail('spec-version-invalid', `The spec version '${version}' is not a version like 1.0.0.`, '/specVersion', []);
  if (compareVersions(version, target) > 0) {
    return fail(
      'spec-unsupported',
      `The flow is written for spec ${version}, newer than the ${target} this version of Parley understands; upgrade Parley instead of migrating.`,
      '/specVersion',
      [],
    );
  }
  let current: JsonObject = doc as JsonObject;
  let currentVersion = version;
  const applied: string[] = [];
  while (compareVersions(currentVersion, target) < 0) {
    const step = registry.find((m) => m.from === currentVersion);
    if (!step) {
      return fail(
        'migration-missing',
        `There is no migration from spec ${currentVersion}; known starting points are ${registry.map((m) => m.from).join(', ')}.`,
        '/specVersion',
        applied,
      );
    }
    try {
      // Migrations work on a private copy so the caller's document is never half-changed.
      current = step.migrate(structuredClone(current));
    } catch (error) {
      const path = error instanceof MigrationProblem ? error.path : '';
      const detail = error instanceof Error ? error.message : String(error);
      return fail('migration-failed', `Migrating from ${step.from} to ${step.to} failed: ${detail}`, path, applied);
    }
    applied.push(`${step.from} → ${step.to}`);
    currentVersion = step.to;
  }
  return { ok: true, flow: current, applied, issues: [] };
}
