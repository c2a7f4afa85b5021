/** The fake Graph API and shared webhook fixtures for Parley's tests. */
export * from './server';
export { textOf } from './recording';
export * from './sign';
export * from './payloads';
export * from './templates';
