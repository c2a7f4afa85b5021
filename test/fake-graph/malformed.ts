/**
 * A reproducible corpus of hostile webhook deliveries for reliability tests
 * ("10,000 malformed or fuzzed webhook bodies → no 5xx, no crash, nothing
 * poisonous queued"). Each case says whether its signature is valid, so a test
 * can expect 401 for forged ones and 200/400 for the rest.
 */
import fc from 'fast-check';
import { buildSignedWebhook, signBytes } from './sign';
import { fb, messengerWebhook, wa, waInbound, waStatus, waStatusWebhook, type Json } from './payloads';

export interface MalformedDelivery {
  kind: 'random_json' | 'mutated_payload' | 'truncated_json' | 'not_json' | 'forged_signature' | 'deep_nesting' | 'wrong_object';
  body: Buffer;
  /** The `X-Hub-Signature-256` header to send (absent for some forged cases). */
  signature: string | undefined;
  /** True when the signature matches the body under `appSecret`. */
  signedCorrectly: boolean;
}

// Built once with fixed ids and times so the corpus for a seed is stable.
const T = 1750000000;
const SEEDS: Json[] = [
  waInbound('16505551234', wa.text('hola ñ'), { id: 'wamid.seed1', timestamp: T }),
  waInbound('16505551234', wa.buttonReply('b1', 'Sí'), { id: 'wamid.seed2', timestamp: T }),
  waInbound('16505551234', wa.listReply('r1', 'Row', 'd'), { id: 'wamid.seed3', timestamp: T }),
  waInbound('16505551234', wa.image({ caption: 'c', id: '1003383421387256' }), {
    id: 'wamid.seed4',
    timestamp: T,
    context: { id: 'wamid.x', from: '1' },
  }),
  waInbound('16505551234', wa.flowReply({ flow_token: 't' }), { id: 'wamid.seed5', timestamp: T }),
  waInbound('x', wa.text('hi'), { id: 'wamid.seed6', timestamp: T, bsuid: 'US.1', phoneless: true }),
  waStatusWebhook([waStatus('wamid.a', 'failed', { timestamp: T, errors: [{ code: 131047 }] })]),
  messengerWebhook('5678', [fb.text('hi', 'm_seed7'), fb.postback('t', 'p')], { timestamp: T * 1000 }),
];

function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (Array.isArray(value) && value.length > 0) {
    const copy = value.slice();
    const i = path[0]! % value.length;
    copy[i] = mutate(value[i], path.slice(1), replacement);
    return copy;
  }
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) {
    const keys = Object.keys(value);
    const key = keys[path[0]! % keys.length]!;
    return { ...value, [key]: mutate((value as Json)[key], path.slice(1), replacement) };
  }
  return replacement;
}

/** `count` deliveries, the same for the same seed. */
export function malformedWebhooks(count: number, appSecret: string, seed = 42): MalformedDelivery[] {
  const base = SEEDS;
  const signed = (payload: unknown, kind: MalformedDelivery['kind']): MalformedDelivery => {
    const s = buildSignedWebhook(payload, appSecret);
    return { kind, body: s.body, signature: s.signature, signedCorrectly: true };
  };
  const raw = (text: string, kind: MalformedDelivery['kind']): MalformedDelivery => {
    const body = Buffer.from(text, 'utf8');
    // Raw cases are signed over their exact bytes (they are not JSON to re-serialise).
    return { kind, body, signature: signBytes(body, appSecret), signedCorrectly: true };
  };
  const arb: fc.Arbitrary<MalformedDelivery> = fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue().map((v) => signed(v, 'random_json')) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom(...base), fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), fc.jsonValue())
        .map(([s, p, r]) => signed(mutate(s, p, r), 'mutated_payload')),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...base), fc.nat()).map(([s, n]) => {
        const t = JSON.stringify(s);
        return raw(t.slice(0, 1 + (n % (t.length - 1))), 'truncated_json');
      }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((t) => raw(t, 'not_json')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...base),
          fc.constantFrom(undefined, '', 'sha256=', 'sha256=' + '0'.repeat(64), 'sha1=abc', 'sha256=' + 'g'.repeat(64)),
        )
        .map(([s, sig]) => {
          const body = buildSignedWebhook(s, appSecret).body;
          return { kind: 'forged_signature' as const, body, signature: sig, signedCorrectly: false };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100, max: 3000 })
        .map((depth) => raw(`{"object":"whatsapp_business_account","entry":${'['.repeat(depth)}${']'.repeat(depth)}}`, 'deep_nesting')),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('user', 'permissions', '', 'WHATSAPP_BUSINESS_ACCOUNT')
        .map((o) => signed({ object: o, entry: [{ id: '1', changes: [] }] }, 'wrong_object')),
    },
  );
  return fc.sample(arb, { numRuns: count, seed });
}
