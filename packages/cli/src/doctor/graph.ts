/**
 * The access token works: one cheap Graph read per channel, `GET /<version>/<id>?fields=id`
 * (the phone number id, page id or Instagram account id the config routes). It proves the
 * token is valid AND that it can see that object. Without a network the check is skipped
 * with a note, not failed: a laptop on a train is not a broken config.
 */
import type { ChannelConfig, DoctorConfig } from './config';
import { fail, ok, skip, type Finding } from './report';

type Env = Readonly<Record<string, string | undefined>>;

function channelId(channel: ChannelConfig): { id: string; what: string } {
  if (channel.type === 'whatsapp') return { id: channel.phoneNumberId, what: 'WhatsApp phone number' };
  if (channel.type === 'messenger') return { id: channel.pageId, what: 'Facebook page' };
  return { id: channel.accountId, what: 'Instagram account' };
}

interface GraphErrorBody {
  error?: { code?: number; message?: string };
}

/** The reason a request never got an HTTP answer (DNS, refused, timeout), for the "offline" note. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'no answer in time';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export async function checkGraph(config: DoctorConfig, env: Env, options: { baseUrl: string; timeoutMs: number }): Promise<Finding[]> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const findings: Finding[] = [];
  for (const tenant of config.tenants) {
    const tokenName = tenant.accessTokenEnv;
    const token = tokenName ? env[tokenName] : undefined;
    if (!tokenName || !token) {
      findings.push(
        skip(
          'graph',
          `tenant ${tenant.id}: no access token${tokenName ? ` (${tokenName} is not set)` : ' configured (accessTokenEnv)'}, not checked`,
        ),
      );
      continue;
    }
    for (const channel of tenant.channels) {
      const { id, what } = channelId(channel);
      const path = `/${config.graph.version}/${encodeURIComponent(id)}?fields=id`;
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        // One unreachable Graph API means all of them are: one note, no more waiting.
        findings.push(
          skip('graph', `skipped: offline — ${new URL(base).host} cannot be reached (${networkReason(error)}); tokens not checked`),
        );
        return findings;
      }
      const body = (await response.json().catch(() => ({}))) as GraphErrorBody & { id?: string };
      if (response.ok && body.id === id) {
        findings.push(ok('graph', `tenant ${tenant.id}: ${tokenName} is valid and reads ${what} ${id} (GET ${path})`));
        continue;
      }
      const code = body.error?.code;
      const detail = `Graph error ${code ?? `HTTP ${response.status}`}: ${body.error?.message ?? response.statusText}`;
      if (code === 190 || code === 0 || (code === undefined && response.status === 401)) {
        findings.push(fail('graph', `tenant ${tenant.id}: ${tokenName} is expired or invalid (${detail}); create a new system-user token`));
      } else if (code === 100 || code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
        findings.push(
          fail(
            'graph',
            `tenant ${tenant.id}: ${what} ${id} cannot be read with ${tokenName} (${detail}); check the id in the config and that the token's system user has this asset`,
          ),
        );
      } else {
        findings.push(fail('graph', `tenant ${tenant.id}: GET ${path} failed (${detail})`));
      }
    }
  }
  return findings;
}
