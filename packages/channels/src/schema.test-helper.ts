/** Compiled validators for schemas/message.schema.json and the contract's TemplateStatusEvent (test-only helper). */
import Ajv2020 from 'ajv/dist/2020';
import { TemplateStatusEvent } from '@parley/contract';
import schema from '../../../schemas/message.schema.json';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
export const validateMessage = ajv.compile(schema);
export const validateStatus = ajv.compile({ $ref: 'https://parley.dev/schemas/message.schema.json#/$defs/StatusUpdate' });
export const validateTemplateEvent = ajv.compile({ ...TemplateStatusEvent, additionalProperties: false });
