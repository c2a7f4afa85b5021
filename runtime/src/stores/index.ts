export type * from './types';
export { DESK_TRANSCRIPT_MAX, LANES } from './types';
export { createMemoryStores } from './memory';
export { createRedisStores, redactUrl } from './redis';
export type { RedisStoreOptions } from './redis';
