export * from './types';
export type * from './engine/contract';
