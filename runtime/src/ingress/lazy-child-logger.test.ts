import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../platform/logger';
import { lazyChildLogger } from './lazy-child-logger';

function capture(): { lines: () => Array<Record<string, unknown>>; destination: Writable } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    destination,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('lazyChildLogger', () => {
  it('builds no child until something is logged', () => {
    const parent = createLogger({ level: 'info', destination: capture().destination });
    const child = vi.spyOn(parent, 'child');
    const log = lazyChildLogger(parent, { reqId: 'req-1' }, {});
    expect(log.level).toBe('info');
    expect(child).not.toHaveBeenCalled();
  });

  it('writes the same lines as an eager child: bindings, redaction, levels, grandchildren', () => {
    const out = capture();
    const parent = createLogger({ level: 'info', destination: out.destination });
    const log = lazyChildLogger(parent, { reqId: 'req-2' }, {});
    log.debug('not written at info');
    log.warn({ appSecret: 's3cret', channel: 'whatsapp' }, 'webhook rejected');
    log.child({ part: 'inner' }).error('inner line');
    const lines = out.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: 'req-2', appSecret: '[redacted]', channel: 'whatsapp', msg: 'webhook rejected', level: 40 });
    expect(lines[1]).toMatchObject({ reqId: 'req-2', part: 'inner', msg: 'inner line', level: 50 });
  });
});
