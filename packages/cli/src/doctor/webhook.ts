/**
 * The webhook route answers Meta's verification handshake on the configured port, exactly as
 * Meta will call it when the callback URL is saved: `GET /webhooks/<channel>?hub.mode=subscribe
 * &hub.verify_token=…&hub.challenge=…` must come back 200 with the challenge as the body.
 */
import { randomBytes } from 'node:crypto';
import type { DoctorConfig } from './config';
import { fail, ok, skip, type Finding } from './report';

type Env = Readonly<Record<string, string | undefined>>;

export async function checkWebhook(config: DoctorConfig, env: Env, options: { port: number; timeoutMs: number }): Promise<Finding[]> {
  // The runtime listens on all interfaces by default; from this machine that is loopback.
  const host = ['0.0.0.0', '::', ''].includes(config.server.host) ? '127.0.0.1' : config.server.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const findings: Finding[] = [];
  for (const tenant of config.tenants) {
    const channel = tenant.channels[0]?.type ?? 'whatsapp';
    const name = tenant.verifyTokenEnv;
    const token = name ? env[name] : undefined;
    if (!name || !token) {
      findings.push(
        skip(
          'webhook',
          `tenant ${tenant.id}: no verify token${name ? ` (${name} is not set)` : ' configured (verifyTokenEnv)'}, handshake not tried`,
        ),
      );
      continue;
    }
    const challenge = randomBytes(6).toString('hex');
    const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge });
    const route = `${base}/webhooks/${channel}`;
    let response: Response;
    try {
      response = await fetch(`${route}?${query}`, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const why =
        code === 'ECONNREFUSED'
          ? 'connection refused'
          : (error as Error).name === 'TimeoutError'
            ? `no answer within ${options.timeoutMs} ms`
            : (code ?? (error as Error).message);
      findings.push(
        fail(
          'webhook',
          `runtime not running on ${host}:${options.port} (${why}): start it (npm start), or give the port it listens on with --port`,
        ),
      );
      return findings;
    }
    const body = await response.text().catch(() => '');
    if (response.status === 200 && body === challenge) {
      findings.push(ok('webhook', `${route} answers Meta's verification handshake with tenant ${tenant.id}'s ${name}`));
    } else if (response.status === 403) {
      findings.push(
        fail(
          'webhook',
          `${route} refused tenant ${tenant.id}'s ${name} (403): the runtime on :${options.port} runs with another value of ${name} than this shell`,
        ),
      );
    } else if (response.status === 404) {
      findings.push(
        fail('webhook', `${route} is not there (404): is the process on :${options.port} a Parley runtime with the ingress role?`),
      );
    } else {
      findings.push(
        fail('webhook', `${route} answered ${response.status} instead of the challenge${response.status === 200 ? ' (another body)' : ''}`),
      );
    }
  }
  return findings;
}
