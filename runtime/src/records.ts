/**
 * `@parley/runtime/records`: what `parley contacts …` and `parley db migrate` need of the runtime —
 * the config resolved against the environment, the business-records database and its
 * migrations, the stores (a person's Redis state), and the contact import, export and erase.
 */
export { resolveConfig } from './config/resolve';
export type { ResolvedConfig } from './config/types';
export { openDatabase, redactPostgresUrl } from './db/open';
export type { Sql } from './db/sql';
export { createMemoryStores, createRedisStores, redactUrl, type Stores } from './stores';
export { importContacts, type ImportOptions } from './contacts/import/run';
export { ImportMappingError, parseMapOption } from './contacts/import/mapping';
export { exportContact } from './contacts/export';
export { eraseContact } from './contacts/erase';
