// Types for the generated standalone ajv validators (see ../schema-codegen.ts).
import type { ValidateFunction } from 'ajv/dist/2020.js';

export declare const validateFlowDocument: ValidateFunction;
export declare const validateLayoutDocument: ValidateFunction;
