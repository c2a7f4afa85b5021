import { describe, expect, it } from 'vitest';
import { fail, formatFinding, isProblem, ok, redactor, skip } from './report';
import { encodeCommand, parseReply, RespError } from './resp';

describe('doctor output', () => {
  it('prints ✓ ✗ – on a terminal and ASCII marks otherwise, aligned by area', () => {
    expect(formatFinding(ok('redis', 'answers'), true)).toBe('✓ redis   answers');
    expect(formatFinding(fail('webhook', 'not running'), false)).toBe('[FAIL] webhook not running');
    expect(formatFinding(skip('graph', 'offline'), false)).toBe('[skip] graph   offline');
  });

  it('hides every secret value, the longer one first when one contains another', () => {
    const redact = redactor(['EAAGtoken', 'EAAGtoken-long', undefined, 'ab']);
    expect(redact('a EAAGtoken-long and EAAGtoken; ab stays')).toBe('a *** and ***; ab stays');
  });

  it('counts a skipped check as a problem only when strict', () => {
    expect(isProblem(skip('graph', 'offline'), false)).toBe(false);
    expect(isProblem(skip('graph', 'offline'), true)).toBe(true);
    expect(isProblem(fail('env', 'X is not set'), false)).toBe(true);
  });
});

describe('RESP', () => {
  it('encodes commands as arrays of bulk strings (byte lengths)', () => {
    expect(encodeCommand(['GET', 'parley:layout'])).toBe('*2\r\n$3\r\nGET\r\n$13\r\nparley:layout\r\n');
    expect(encodeCommand(['AUTH', 'pässword'])).toBe('*2\r\n$4\r\nAUTH\r\n$9\r\npässword\r\n');
  });

  it('parses every reply type, and waits for a reply split over reads', () => {
    expect(parseReply(Buffer.from('+PONG\r\n'))).toEqual({ value: 'PONG', next: 7 });
    expect(parseReply(Buffer.from('$8\r\nshards=8\r\n'))?.value).toBe('shards=8');
    expect(parseReply(Buffer.from('$-1\r\n'))?.value).toBeNull();
    expect(parseReply(Buffer.from(':1\r\n'))?.value).toBe(1);
    expect(parseReply(Buffer.from('-MOVED 3999 127.0.0.1:6381\r\n'))?.value).toEqual(new RespError('MOVED 3999 127.0.0.1:6381'));
    expect(parseReply(Buffer.from('*2\r\n+a\r\n:2\r\n'))?.value).toEqual(['a', 2]);
    expect(parseReply(Buffer.from('$8\r\nshar'))).toBeUndefined();
    expect(parseReply(Buffer.from('*2\r\n+a\r\n'))).toBeUndefined();
  });
});
