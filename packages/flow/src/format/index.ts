export { formatFlow, formatLayout } from './format';
export { ROLES as FORMAT_KEY_ORDER, nodeKeyOrder } from './key-order';
