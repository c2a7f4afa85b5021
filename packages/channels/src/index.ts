/**
 * @parley/channels: pure Meta adapters. Verify and normalize webhooks, build
 * Graph API send requests within Meta's limits, classify Graph errors.
 * No I/O: the runtime does the HTTP. Everything but the signature check is
 * also exported from `@parley/channels/browser`.
 */
export * from './browser';
export { verifyChallenge, verifySignature, computeSignature, type ChallengeResult } from './verify';
