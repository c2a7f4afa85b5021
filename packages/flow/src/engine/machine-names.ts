/**
 * The names a compiled machine's states use for their guards and actions. States refer to
 * guards and actions by name (XState's `setup()` supplies the implementations), so the names
 * are typed here: a typo in a state is a type error, and `machine-names.test.ts` checks that
 * every name has exactly one implementation (setup.ts for the flow-wide ones, `nodes/<type>/engine.ts`
 * for each node type's).
 */
import type { EffectAction } from './effect-actions';

/** Guards every flow's machine has (setup.ts). */
export const FLOW_GUARDS = ['isInterrupt', 'timerIs', 'softDue', 'isPending', 'resumeTo', 'isChild', 'transitionCap'] as const;
/** Context updates every flow's machine has (setup.ts). */
export const FLOW_UPDATES = [
  'countRetry',
  'leaveWait',
  'newRequest',
  'clearPending',
  'pushResume',
  'clearResume',
  'popResume',
  'markNudged',
] as const;
/** Guards a node type brings (its `engine.ts` `machine().guards`). */
export const NODE_GUARDS = [
  'answerValid',
  'canRetry',
  'httpOk',
  'isChoice',
  'routeCase',
  'splitBranch',
  'templateRefused',
  'templateRefusedOnEntry',
  'isTemplateReply',
] as const;
/** Context updates a node type brings (its `engine.ts` `machine().updates`). */
export const NODE_UPDATES = [
  'saveAnswer',
  'applyReleased',
  'mapHttp',
  'saveLlm',
  'saveChoice',
  'setRoute',
  'recordSplit',
  'assignSet',
  'applyReturns',
] as const;

export type NodeGuardName = (typeof NODE_GUARDS)[number];
export type NodeUpdateName = (typeof NODE_UPDATES)[number];
export type GuardName = (typeof FLOW_GUARDS)[number] | NodeGuardName;
type UpdateName = (typeof FLOW_UPDATES)[number] | NodeUpdateName;
/** Any action a state may name: a context update or an effect action (which the step driver turns into effects). */
export type ActionName = UpdateName | EffectAction['type'];
