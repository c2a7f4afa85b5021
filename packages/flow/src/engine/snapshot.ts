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
  /** The `revision` of the frame's flow. */
  flowRevision: number;
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

export function frameFromContext(flowId: string, flowRevision: number, at: string, context: MachineContext, root: boolean): FrameState {
  const frame: FrameState = { flowId, flowRevision, at };
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

/** What snapshots stored before the revision had its own name carry instead of `flowRevision`. */
type LegacyRevision = { flowVersion?: number };

/** A snapshot as stored before `flowRevision` was named so (header and frames said `flowVersion`). */
export type LegacySnapshot = Omit<EngineSnapshot, 'flowRevision' | 'frames'> &
  LegacyRevision & {
    frames: Array<Omit<FrameState, 'flowRevision'> & LegacyRevision>;
  };

/**
 * Reads a stored snapshot written before `flowRevision` was named so (it was `flowVersion`, in the
 * header and in every frame). Current snapshots are returned as they are; anything that is not a
 * snapshot is left for `snapshotProblem` to refuse. The header takes the root frame's revision:
 * a host may have written its own version number into the old header field.
 */
export function upgradeSnapshot(snapshot: EngineSnapshot | LegacySnapshot): EngineSnapshot;
export function upgradeSnapshot(snapshot: EngineSnapshot | LegacySnapshot | null): EngineSnapshot | null;
export function upgradeSnapshot(snapshot: EngineSnapshot | LegacySnapshot | null): EngineSnapshot | null {
  if (isCurrent(snapshot)) return snapshot;
  const frames = snapshot.frames.map(
    ({ flowVersion, ...frame }: Omit<FrameState, 'flowRevision'> & Partial<Pick<FrameState, 'flowRevision'>> & LegacyRevision) => ({
      ...frame,
      flowRevision: frame.flowRevision ?? flowVersion ?? 0,
    }),
  );
  const { flowVersion, ...header }: LegacySnapshot & Partial<Pick<EngineSnapshot, 'flowRevision'>> = snapshot;
  return { ...header, flowRevision: frames[0]?.flowRevision ?? header.flowRevision ?? flowVersion ?? 0, frames };
}

/** True for a current snapshot — and for anything not a snapshot at all, which `snapshotProblem` refuses later. */
function isCurrent(snapshot: EngineSnapshot | LegacySnapshot | null): snapshot is EngineSnapshot | null {
  if (!snapshot || typeof snapshot !== 'object' || !Array.isArray(snapshot.frames)) return true;
  if ('flowVersion' in snapshot || !('flowRevision' in snapshot)) return false;
  return !snapshot.frames.some((frame) => frame && typeof frame === 'object' && 'flowVersion' in frame);
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
