import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BlockedAddressError, checkUrl, createFlowFetch, isPublicAddress } from './flow-fetch';

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('inside'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('judges addresses: only global unicast is public', () => {
  for (const ip of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888']) expect(isPublicAddress(ip)).toBe(true);
  for (const ip of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '192.0.2.1',
    '::1',
    '::',
    'fc00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not an ip',
  ]) {
    expect(isPublicAddress(ip), ip).toBe(false);
  }
});

it('refuses other schemes and literal private addresses before connecting', () => {
  for (const url of [
    'file:///etc/passwd',
    'ftp://example.com/',
    'http://127.0.0.1/',
    'http://[::1]:8080/',
    'http://[::ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0:6379/',
  ]) {
    expect(() => checkUrl(new URL(url)), url).toThrow(BlockedAddressError);
  }
  expect(() => checkUrl(new URL('https://93.184.215.14/x'))).not.toThrow();
});

it("a flow cannot reach the runtime's network, by address or by a name that resolves to it", async () => {
  const guarded = createFlowFetch();
  await expect(guarded(`http://127.0.0.1:${port}/`)).rejects.toThrow(/127\.0\.0\.1 is a private or reserved address/);
  const byName = await guarded(`http://localhost:${port}/`).then(
    () => null,
    (err: unknown) => err as Error & { cause?: Error },
  );
  expect(byName?.cause ?? byName).toBeInstanceOf(BlockedAddressError);
  expect(String((byName?.cause ?? byName)?.message)).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a private or reserved address/);
});

it('allowPrivateNetworks (development) lets it through', async () => {
  const open = createFlowFetch({ allowPrivate: true });
  expect(await (await open(`http://127.0.0.1:${port}/`)).text()).toBe('inside');
});
