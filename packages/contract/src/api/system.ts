/** Routes outside /api: health probes, Prometheus metrics and Meta's webhooks. */
import { Type, type Static } from 'typebox';

export const Healthz = Type.Object({ ok: Type.Literal(true) });
export type Healthz = Static<typeof Healthz>;

export const Readyz = Type.Object({
  ready: Type.Boolean(),
  store: Type.Object({ kind: Type.String(), reachable: Type.Boolean() }),
  flows: Type.Object({ loaded: Type.Number(), withErrors: Type.Number() }),
});
export type Readyz = Static<typeof Readyz>;

export const MetricsText = Type.String({ description: 'Prometheus text exposition' });
export type MetricsText = Static<typeof MetricsText>;

export const WebhookParams = Type.Object({ channel: Type.String({ description: 'whatsapp | messenger | instagram' }) });
export type WebhookParams = Static<typeof WebhookParams>;

/** Meta's verification handshake (GET): answered with hub.challenge when the token matches. */
export const WebhookVerifyQuery = Type.Object(
  {
    'hub.mode': Type.Optional(Type.String()),
    'hub.verify_token': Type.Optional(Type.String()),
    'hub.challenge': Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type WebhookVerifyQuery = Static<typeof WebhookVerifyQuery>;
export const WebhookChallenge = Type.String({ description: 'hub.challenge, echoed as text/plain' });
export type WebhookChallenge = Static<typeof WebhookChallenge>;

/**
 * A webhook POST body is described, never validated by the route: the signature over the raw
 * bytes is checked first, then the body is parsed (an empty schema accepts anything).
 */
export const WebhookPayload = Type.Unknown({
  description: "Meta's webhook payload (JSON), signed with X-Hub-Signature-256; verified over the raw bytes before it is parsed",
});
export type WebhookPayload = Static<typeof WebhookPayload>;
export const WebhookAck = Type.Unknown({ description: 'Acknowledged: the messages and statuses are stored' });
export type WebhookAck = Static<typeof WebhookAck>;
