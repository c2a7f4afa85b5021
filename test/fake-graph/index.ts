/** The fake Graph API and shared webhook fixtures for Parley's tests. */
export * from './server';
export { textOf } from './recording';
export * from './sign';
export * from './payloads';
export { graphError, injectedFailure, type FailureKind, type FailureOptions, type GraphErrorResponse } from './errors';
export { validateWhatsAppSend, validateMessengerSend } from './validate';
export { malformedWebhooks, type MalformedDelivery } from './malformed';
