/** Sign-in: a password exchanged for a login token, and which modes are configured. */
import { Type, type Static } from 'typebox';

/** The body may be absent: the route answers 401 either way, and counts the attempt. */
export const LoginBody = Type.Union([Type.Object({ password: Type.Optional(Type.Unknown()) }), Type.Null()]);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResult = Type.Object({
  token: Type.Union([Type.String(), Type.Null()], { description: 'Send as Authorization: Bearer <token>; valid 12 hours' }),
});
export type LoginResult = Static<typeof LoginResult>;

export const LoginModes = Type.Object({
  password: Type.Boolean({ description: 'A password is configured (POST /api/login)' }),
  token: Type.Boolean({ description: 'An admin token is configured' }),
});
export type LoginModes = Static<typeof LoginModes>;
