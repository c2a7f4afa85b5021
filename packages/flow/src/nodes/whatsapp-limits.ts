/** The WhatsApp limits a flow can break at authoring time: the one table lives in @parley/contract. */
export { WHATSAPP_LIMITS } from '@parley/contract';
