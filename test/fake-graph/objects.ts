/**
 * `GET /<version>/<id>?fields=id`: the cheap read `parley doctor` makes to prove a token is
 * valid and can see a phone number, page or account. Answers like Graph: `{ id }` for an
 * object the token can read, error 190 for a wrong token, error 100 (subcode 33) for an id it
 * cannot see.
 */
import { graphError, injectedFailure, type GraphErrorResponse } from './errors';

export const OBJECT_PATH = /^\/v\d+\.\d+\/([^/]+)$/;

export function readObject(
  id: string,
  bearer: string | null | undefined,
  token: string,
  knownIds: readonly string[] | undefined,
): GraphErrorResponse | { status: 200; headers: Record<string, string>; body: { id: string } } {
  if (bearer !== token) return injectedFailure('token_expired', {}, 'whatsapp');
  if (knownIds && !knownIds.includes(id)) {
    return graphError(
      100,
      400,
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      { error_subcode: 33, type: 'GraphMethodException' },
    );
  }
  return { status: 200, headers: {}, body: { id } };
}
