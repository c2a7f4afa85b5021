export type { LintContext, NodeDefinition, NodeDefinitionMap, NodeReferences, SubPath } from './types';
export { NODE_TYPES, isNodeType, nodeDefinition, nodeDefinitions, nodeExits, nodeWaits } from './registry';
export { WHATSAPP_LIMITS } from './whatsapp-limits';
export { branchShares } from './split/pick';
