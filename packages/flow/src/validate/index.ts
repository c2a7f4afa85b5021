export type { IssueSeverity, ValidationIssue } from './issue';
export { hasErrors, joinPointer } from './issue';
export { parseFlowJson, type ParseResult } from './parse';
export { findJsonSyntaxError, type JsonSyntaxError } from './json-syntax';
export { validateFlow, sortIssues, type ValidationResult } from './validate-flow';
export { validateLayout, type LayoutValidationResult } from './layout';
export type { TemplateInfo, ValidateOptions } from './options';
export { FLOW_LIMITS } from './limits';
export { BUILTIN_ENTITY_TYPES, BUILTIN_SCOPE_ROOTS } from './builtins';
