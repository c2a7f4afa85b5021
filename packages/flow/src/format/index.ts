export { formatFlow, formatLayout } from './format';
export { ROLES as FORMAT_KEY_ORDER, nodeKeyOrder } from './key-order';
export { diffLines, foldUnchanged, type DiffLine, type DiffGap } from './line-diff';
