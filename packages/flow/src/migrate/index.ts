export { migrateFlow, declaredSpecVersion, type MigrationResult } from './migrate-flow';
export { migrations, KNOWN_SPEC_VERSIONS } from './registry';
export { compareVersions, parseVersion } from './semver';
export { MigrationProblem, type JsonObject, type Migration } from './types';
