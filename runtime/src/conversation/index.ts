/**
 * The conversation model: its id and the records the runtime keeps and passes around for one
 * conversation (inbox items, the stored session, the contact, outbound items, a worker's commit).
 * Pure types and functions: the stores persist these, the ingress, worker and sender use them.
 */
export * from './id';
export type * from './contact';
export type * from './inbox-item';
export type * from './session';
export { readStoredSession } from './session';
export type * from './commit';
export { DESK_TRANSCRIPT_MAX, type DeskEntry, type DeskState } from './desk';
export { LANES, type Lane, type OutboundItem } from './outbound';
