/**
 * The fetch flows' HTTP nodes go through: flow content must not reach the runtime's own
 * network (cloud metadata at 169.254.169.254, Redis, admin ports, other private services).
 * Every address a host name resolves to is checked when the connection is made (so a DNS
 * answer cannot change between the check and the connect), literal IPs are checked up front,
 * and redirects are followed by hand so that each hop is checked the same way.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';

const MAX_REDIRECTS = 5;

export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

/** Only globally routable unicast addresses (IPv4-mapped IPv6 judged as the IPv4 it maps). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked || addresses.length === 0) {
      return callback(
        new BlockedAddressError(
          `${hostname} resolves to ${blocked?.address ?? 'nothing'}, a private or reserved address: flows may only call public hosts`,
        ),
        [],
      );
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** Throws for a URL flows may not call (scheme, or a literal private address; host names are checked at connect). */
export function checkUrl(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BlockedAddressError(`${url.protocol} URLs are not allowed: flows may only call http(s)`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isPublicAddress(host))
    throw new BlockedAddressError(`${host} is a private or reserved address: flows may only call public hosts`);
}

/** `allowPrivate` (config `http.allowPrivateNetworks`) is for development against local services. */
export function createFlowFetch(opts: { allowPrivate?: boolean } = {}): typeof fetch {
  if (opts.allowPrivate) return globalThis.fetch;
  const dispatcher = new Agent({ connect: { lookup: guardedLookup } });
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    let request = { ...(init as UndiciRequestInit | undefined) };
    for (let hop = 0; ; hop++) {
      checkUrl(url);
      const res = await undiciFetch(url, { ...request, redirect: 'manual', dispatcher });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return res as unknown as Response;
      if (hop >= MAX_REDIRECTS) throw new BlockedAddressError(`more than ${MAX_REDIRECTS} redirects`);
      await res.body?.cancel();
      url = new URL(location, url);
      // 303 (and 301/302 after a POST, as browsers do) continue as a GET without the body.
      if (
        res.status === 303 ||
        ((res.status === 301 || res.status === 302) && request.method && request.method !== 'GET' && request.method !== 'HEAD')
      ) {
        const { body: _body, ...rest } = request;
        request = { ...rest, method: 'GET' };
      }
    }
  };
  return guarded as typeof fetch;
}
