/**
 * The engine's snapshot: the contract's header plus a frame stack (root flow first, then
 * subflows), the timer table and session facts. Plain JSON, small: fields at their default
 * are omitted, and the root frame's variables are the header's `variables`.
 */
import type { Contact, SnapshotHeader } from './contract';
import type { MachineContext, ResumePoint, Turn } from './machine-types';

export const ENGINE_SNAPSHOT_VERSION = 1;

export interface FrameState {
  flowId: string;
  flowVersion: number;
  /** Node id the frame is at (or a reserved state key). */
  at: string;
  /** Variables of a subflow frame (the root frame's are the header's). */
  vars?: Record<string, unknown>;
  retries?: number;
  resume?: ResumePoint[];
  pending?: string;
  nudged?: string;
  route?: { case: string; value: unknown };
}

export interface EngineSnapshot extends SnapshotHeader {
  engine: number;
  language: string;
  timezone?: string;
  contact?: Contact;
  trigger?: Turn['trigger'];
  frames: FrameState[];
  /** Live timers: timer id → the sprint it was scheduled in. A fired timer that does not match is stale. */
  timers: Record<string, number>;
  outcome?: string;
}

export function frameFromContext(flowId: string, flowVersion: number, at: string, context: MachineContext, root: boolean): FrameState {
  const frame: FrameState = { flowId, flowVersion, at };
  if (!root) frame.vars = context.vars;
  if (context.retries) frame.retries = context.retries;
  if (context.resume.length) frame.resume = context.resume;
  if (context.pending) frame.pending = context.pending;
  if (context.nudged) frame.nudged = context.nudged;
  if (context.route) frame.route = context.route;
  return frame;
}

export function contextFromFrame(frame: FrameState, rootVars: Record<string, unknown>, root: boolean): MachineContext {
  return {
    vars: root ? rootVars : (frame.vars ?? {}),
    retries: frame.retries ?? 0,
    resume: frame.resume ?? [],
    pending: frame.pending ?? null,
    nudged: frame.nudged ?? null,
    quiet: null,
    route: frame.route ?? null,
    child: !root,
  };
}

/** Cheap structural check before trusting a stored snapshot. */
export function snapshotProblem(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== 'object') return 'snapshot is not an object';
  const s = snapshot as Partial<EngineSnapshot>;
  if (s.engine !== ENGINE_SNAPSHOT_VERSION) return `snapshot engine version ${String(s.engine)} is not ${ENGINE_SNAPSHOT_VERSION}`;
  if (typeof s.sprint !== 'number') return 'snapshot.sprint is missing';
  if (!Array.isArray(s.frames) || s.frames.length === 0) return 'snapshot.frames is empty';
  if (!s.variables || typeof s.variables !== 'object') return 'snapshot.variables is missing';
  if (!s.timers || typeof s.timers !== 'object') return 'snapshot.timers is missing';
  return null;
}
