/** Session-level helpers of the step: failures, initial variables, language choice. */
import type { Flow } from '../types';
import type { Effect, StepResult } from './contract';
import { ENGINE_SNAPSHOT_VERSION, type EngineSnapshot } from './snapshot';

/** A step that cannot go on: becomes an `error` effect and status `errored`, never an exception. */
export class StepFailure {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly nodeId?: string,
  ) {}
}

export function failedResult(flow: Flow, previous: EngineSnapshot | null, failure: StepFailure): StepResult<EngineSnapshot> {
  const effects: Effect[] = [];
  for (const timerId of Object.keys(previous?.timers ?? {})) effects.push({ type: 'timer.cancel', timerId });
  effects.push({ type: 'error', code: failure.code, message: failure.message, ...(failure.nodeId ? { nodeId: failure.nodeId } : {}) });
  const base: EngineSnapshot =
    previous && typeof previous === 'object' && Array.isArray(previous.frames)
      ? previous
      : {
          engine: ENGINE_SNAPSHOT_VERSION,
          flowId: flow?.id ?? 'unknown',
          flowRevision: flow?.revision ?? 0,
          specVersion: flow?.specVersion ?? '',
          sprint: 0,
          status: 'errored',
          variables: {},
          language: flow?.languages?.[0] ?? 'en',
          frames: [],
          timers: {},
        };
  const sprint = typeof base.sprint === 'number' && Number.isFinite(base.sprint) ? base.sprint : 0;
  return { snapshot: { ...base, sprint: sprint + 1, status: 'errored', timers: {} }, effects };
}

export function defaultVariables(flow: Flow): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(flow.variables ?? {})) if (decl.default !== undefined) vars[name] = decl.default;
  return vars;
}

/** Words a message needs before its detected language may switch the session's ("ok", "sí gracias" do not). */
const SWITCH_MIN_WORDS = 3;

/**
 * The language a session continues in after a message: the message's detected language when the
 * flow speaks it and the message is long enough to tell, else the current one.
 */
export function languageAfter(flow: Flow, current: string, text: string | undefined, detected: string | undefined): string {
  if (!detected || !text || text.trim().split(/\s+/).length < SWITCH_MIN_WORDS) return current;
  const base = detected.split('-')[0]!;
  const spoken = (flow.languages ?? []).find((language) => language === detected || language.split('-')[0] === base);
  return spoken && spoken.split('-')[0] !== current.split('-')[0] ? spoken : current;
}

export function chooseLanguage(flow: Flow, wanted: string | undefined): string {
  const languages = flow.languages ?? [];
  if (wanted) {
    if (languages.includes(wanted)) return wanted;
    const base = wanted.split('-')[0]!;
    const match = languages.find((language) => language === base || language.split('-')[0] === base);
    if (match) return match;
  }
  return languages[0] ?? 'en';
}
