/**
 * Redis answers and its data layout is the one this configuration would use. The runtime
 * records `shards=<n>` under `<prefix>layout` (runtime/src/stores/redis/index.ts) and refuses
 * to start against data of another shard count or of the older unsharded layout (global
 * `<prefix>ready` / `<prefix>active` keys); doctor reads the same keys, read-only.
 */
import { ConfigError, readEnv, type Environment, type ParleyConfig } from '@parley/runtime/config';
import { openResp, RespError, type RespConnection, type RespReply } from './resp';
import { fail, ok, skip, type Finding } from './report';

/** Same default as the runtime's DEFAULT_SHARDS (runtime/src/stores/redis/keys.ts); a test keeps them equal. */
export const DEFAULT_SHARDS = 8;

interface Target {
  host: string;
  port: number;
}

/** host:port only: a REDIS_URL can carry a password. */
function where(target: Target): string {
  return `${target.host}:${target.port}`;
}

/** The layout the runtime would use, read as the runtime's loader reads it: the environment over the config's `redis`. */
function layoutOf(env: Environment, file: ParleyConfig['redis']): { url?: string; prefix: string; shards: number; setting: string } {
  const url = readEnv(env, 'REDIS_URL');
  const envShards = readEnv(env, 'PARLEY_REDIS_SHARDS');
  const shards = envShards ?? file.shards ?? DEFAULT_SHARDS;
  const setting =
    envShards !== undefined
      ? `PARLEY_REDIS_SHARDS=${shards}`
      : file.shards !== undefined
        ? `redis.shards=${shards} in the config`
        : `the default shards=${shards} (PARLEY_REDIS_SHARDS unset)`;
  return { ...(url ? { url } : {}), prefix: readEnv(env, 'PARLEY_REDIS_PREFIX') ?? file.prefix, shards, setting };
}

export async function checkRedis(env: Environment, file: ParleyConfig['redis'], timeoutMs: number): Promise<Finding[]> {
  let layout;
  try {
    layout = layoutOf(env, file);
  } catch (error) {
    if (error instanceof ConfigError) return [fail('redis', error.message)];
    throw error;
  }
  const { url, prefix, shards, setting } = layout;
  if (!url) return [skip('redis', 'REDIS_URL is not set: the runtime would run on in-memory stores (nothing durable, one process only)')];
  const parsed = new URL(url);
  const tls = parsed.protocol === 'rediss:';
  const db = parsed.pathname.replace(/^\//, '');

  const open = async (target: Target): Promise<RespConnection> => {
    const connection = await openResp(target.host, target.port, { tls, timeoutMs });
    if (parsed.password) {
      const auth = parsed.username
        ? await connection.command('AUTH', decodeURIComponent(parsed.username), decodeURIComponent(parsed.password))
        : await connection.command('AUTH', decodeURIComponent(parsed.password));
      if (auth instanceof RespError) throw new CredentialsError(auth.message);
    }
    if (db && db !== '0') {
      const selected = await connection.command('SELECT', db);
      if (selected instanceof RespError) throw new Error(`SELECT ${db}: ${selected.message}`);
    }
    return connection;
  };

  const first: Target = { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) };
  const connections = new Map<string, RespConnection>();
  const connectionTo = async (target: Target): Promise<RespConnection> => {
    const known = connections.get(where(target));
    if (known) return known;
    const made = await open(target);
    connections.set(where(target), made);
    return made;
  };
  // On a Redis Cluster a key may live on another node: follow its MOVED answer once.
  const read = async (...args: string[]): Promise<RespReply> => {
    const reply = await (await connectionTo(first)).command(...args);
    const moved = reply instanceof RespError ? /^MOVED \d+ (.+):(\d+)$/.exec(reply.message) : null;
    if (!moved) return reply;
    return (await connectionTo({ host: moved[1] as string, port: Number(moved[2]) })).command(...args);
  };

  try {
    const pong = await read('PING');
    if (pong !== 'PONG')
      return [
        fail('redis', `Redis at ${where(first)} answered PING with ${JSON.stringify(pong instanceof RespError ? pong.message : pong)}`),
      ];
    const wanted = `shards=${shards}`;
    const recorded = await read('GET', `${prefix}layout`);
    if (recorded instanceof RespError) return [fail('redis', `Redis at ${where(first)}: GET ${prefix}layout failed (${recorded.message})`)];
    if (recorded === null) {
      const legacy = (await read('EXISTS', `${prefix}ready`)) === 1 || (await read('EXISTS', `${prefix}active`)) === 1;
      if (legacy)
        return [
          fail(
            'redis',
            `Redis at ${where(first)} holds data of the unsharded layout under prefix "${prefix}", which this version does not read: drain it or use another PARLEY_REDIS_PREFIX`,
          ),
        ];
      return [
        ok('redis', `Redis at ${where(first)} answers; no Parley data under prefix "${prefix}" yet: the first runtime records ${wanted}`),
      ];
    }
    if (recorded === wanted)
      return [ok('redis', `Redis at ${where(first)} answers; prefix "${prefix}" holds ${wanted}, the same as ${setting}`)];
    return [
      fail(
        'redis',
        `Redis at ${where(first)}: prefix "${prefix}" holds data laid out with ${JSON.stringify(recorded)}, but ${setting}: the runtime would refuse to start; set PARLEY_REDIS_SHARDS to the recorded value (or use another PARLEY_REDIS_PREFIX)`,
      ),
    ];
  } catch (error) {
    if (error instanceof CredentialsError)
      return [fail('redis', `Redis at ${where(first)} refused the credentials in REDIS_URL (${error.message})`)];
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return [fail('redis', `Redis at ${where(first)} did not answer (${reason}): start Redis or fix REDIS_URL`)];
  } finally {
    for (const connection of connections.values()) connection.close();
  }
}

class CredentialsError extends Error {}
