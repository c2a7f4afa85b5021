export type * from './interfaces';
export { createMemoryStores } from './memory';
export { createRedisStores, redactUrl } from './redis';
export type { RedisStoreOptions } from './redis';
