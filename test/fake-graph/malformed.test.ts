import { describe, expect, it } from 'vitest';
import { parseWebhook, verifySignature } from '@parley/channels';
import { malformedWebhooks } from './malformed';

describe('malformedWebhooks', () => {
  const corpus = malformedWebhooks(2000, 'secret', 7);

  it('is reproducible and covers every kind', () => {
    expect(malformedWebhooks(50, 'secret', 7).map((d) => d.body.toString('base64'))).toEqual(
      corpus.slice(0, 50).map((d) => d.body.toString('base64')),
    );
    expect(new Set(corpus.map((d) => d.kind))).toEqual(
      new Set(['random_json', 'mutated_payload', 'truncated_json', 'not_json', 'forged_signature', 'deep_nesting', 'wrong_object']),
    );
  });

  it('labels signatures truthfully, and the channels package survives every body', () => {
    for (const d of corpus) {
      expect(verifySignature(d.body, d.signature, 'secret')).toBe(d.signedCorrectly);
      let parsed: unknown;
      try {
        parsed = JSON.parse(d.body.toString('utf8'));
      } catch {
        continue; // the runtime answers 400 before parsing
      }
      expect(() => parseWebhook(parsed)).not.toThrow();
    }
  });
});
