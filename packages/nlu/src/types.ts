/**
 * What the understanding tiers return for one message. The shapes live in @parley/contract
 * (the engine and the API share them); they are re-exported here for @parley/nlu's callers.
 */
export type { Tier, IntentCandidate, EntityType, Entity, Understanding } from '@parley/contract';
