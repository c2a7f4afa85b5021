/** Where a conversation's session stands; the engine sets it, the runtime and the simulator report it. */
import { Type, type Static } from 'typebox';

export const SESSION_STATUSES = ['active', 'waiting', 'handoff', 'ended', 'expired', 'errored'] as const;

export const SessionStatus = Type.Enum(SESSION_STATUSES);
export type SessionStatus = Static<typeof SessionStatus>;
