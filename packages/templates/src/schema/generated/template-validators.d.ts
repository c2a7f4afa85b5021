// Types for the generated standalone ajv validators (see ../codegen.ts).
import type { ValidateFunction } from 'ajv/dist/2020.js';

export declare const validateTemplateDocument: ValidateFunction;
export declare const validateLockDocument: ValidateFunction;
