/**
 * Erasing a person (GDPR/LGPD): every row about them, every hot key of their conversation, and an
 * anonymized suppression entry so an old import does not bring them back.
 */
import { createHash } from 'node:crypto';
import type { ContactChannel } from '@parley/contract';

/** The suppression entry's key: sha256 of "tenant\nchannel\naddress" (hex), never the address itself. */
export function suppressionHash(tenant: string, channel: ContactChannel, address: string): string {
  return createHash('sha256').update(`${tenant}\n${channel}\n${address}`).digest('hex');
}
