export type * from './types';
export { LANES } from './types';
export { createMemoryStores } from './memory';
export { createRedisStores, redactUrl } from './redis';
export type { RedisStoreOptions } from './redis';
