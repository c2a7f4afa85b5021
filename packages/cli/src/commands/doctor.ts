/**
 * `parley doctor [--config <file>] [--port <n>] [--graph-url <url>] [--strict] [--timeout <ms>]`
 * Checks a deployment the way an operator needs before (and after) starting the runtime:
 * config valid, every environment variable it names set, Graph token valid, Redis reachable
 * with a compatible layout, flows valid, the webhook route answering Meta's handshake.
 * One line per finding; exit 1 on any problem. Secret values are never printed.
 */
import { resolve } from 'node:path';
import { ConfigError, readEnv, type EnvName, type Environment } from '@parley/runtime/config';
import { parseCommandArgs, stringOption } from '../args';
import { UsageError } from '../errors';
import { displayPath } from '../files';
import { EXIT_FAILED, EXIT_OK, type Io } from '../io';
import { loadDoctorConfig } from '../doctor/config';
import { checkEnv } from '../doctor/env';
import { checkFlows } from '../doctor/flows';
import { checkGraph } from '../doctor/graph';
import { checkRedis } from '../doctor/redis';
import { fail, formatFinding, isProblem, ok, redactor, type Finding } from '../doctor/report';
import { checkWebhook } from '../doctor/webhook';

const HELP = `Usage: parley doctor [options]

Checks what the runtime needs, one line per finding, and exits 1 on any problem:
  config   parley.config.json is valid (schemas/config.schema.json)
  env      every environment variable the config names is set (names only, never values)
  graph    each channel's access token is valid: GET /<version>/<id>?fields=id on the Graph API
           (skipped with a note when offline)
  redis    REDIS_URL answers and its layout (PARLEY_REDIS_PREFIX, PARLEY_REDIS_SHARDS) matches
  flows    the flows in flowsDir are valid and the tenants' flow ids exist
  webhook  the runtime on the configured port answers Meta's verification handshake

Options:
  --config <file>    the config (default: $PARLEY_CONFIG or parley.config.json)
  --port <n>         the runtime's port (default: $PORT or server.port of the config)
  --graph-url <url>  Graph API base URL (default: $PARLEY_GRAPH_URL or graph.baseUrl of the config)
  --timeout <ms>     per network check (default 5000)
  --strict           a skipped check (offline, REDIS_URL unset, …) is a problem too
`;

export async function runDoctor(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('doctor', argv, {
    config: { type: 'string' },
    port: { type: 'string' },
    'graph-url': { type: 'string' },
    timeout: { type: 'string' },
    strict: { type: 'boolean' },
  });
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`parley doctor: unexpected argument "${args.positionals[0]}"`);
  const strict = args.values.strict === true;
  const timeoutMs = Number(stringOption(args, 'timeout') ?? 5000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new UsageError(`parley doctor: --timeout must be a whole number of milliseconds, got "${stringOption(args, 'timeout')}"`);
  const portText = stringOption(args, 'port');
  const port = portText === undefined ? fromEnv(io.env, 'PORT') : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new UsageError(`parley doctor: the port must be a number from 1 to 65535, got "${portText ?? port}"`);

  const configPath = resolve(io.cwd, stringOption(args, 'config') ?? fromEnv(io.env, 'PARLEY_CONFIG') ?? 'parley.config.json');
  const loaded = loadDoctorConfig(configPath, displayPath(configPath, io.cwd));
  const findings: Finding[] = [];
  let secrets: Array<string | undefined> = [];
  if (!loaded.ok) {
    findings.push(...loaded.problems.map((problem) => fail('config', problem)));
  } else {
    const { config, baseDir, env: references } = loaded;
    secrets = references.map((ref) => io.env[ref.name]);
    const channels = config.tenants.reduce((n, t) => n + t.channels.length, 0);
    findings.push(
      ok(
        'config',
        `${displayPath(configPath, io.cwd)}: valid (${config.tenants.length} tenant${config.tenants.length === 1 ? '' : 's'}, ${channels} channel${channels === 1 ? '' : 's'}, Graph API ${config.graph.version})`,
      ),
    );
    findings.push(...checkEnv(config, references, io.env));
    const graphUrl = stringOption(args, 'graph-url') ?? fromEnv(io.env, 'PARLEY_GRAPH_URL') ?? config.graph.baseUrl;
    const [graph, redis, webhook] = await Promise.all([
      checkGraph(config, io.env, { baseUrl: graphUrl, timeoutMs }),
      checkRedis(io.env, config.redis, timeoutMs),
      checkWebhook(config, io.env, { port: port ?? config.server.port, timeoutMs }),
    ]);
    findings.push(...graph, ...redis, ...checkFlows(config, baseDir, io.cwd), ...webhook);
  }
  secrets.push(...redisSecrets(io.env.REDIS_URL));

  const redact = redactor(secrets);
  const unicode = io.color || io.terminal !== undefined;
  for (const finding of findings) io.stdout(`${redact(formatFinding(finding, unicode))}\n`);
  const problems = findings.filter((f) => isProblem(f, strict)).length;
  const skipped = findings.filter((f) => f.outcome === 'skip').length;
  io.stdout(
    problems > 0
      ? `\n${problems} problem${problems === 1 ? '' : 's'} found.\n`
      : `\nAll checks passed${skipped > 0 ? ` (${skipped} skipped; --strict counts them as problems)` : ''}.\n`,
  );
  return problems > 0 ? EXIT_FAILED : EXIT_OK;
}

/** A variable read through the runtime's table (config/environment.ts); a bad value is a usage error naming it. */
function fromEnv<N extends EnvName>(env: Environment, name: N): ReturnType<typeof readEnv<N>> {
  try {
    return readEnv(env, name);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`parley doctor: ${error.message}`);
    throw error;
  }
}

/** The password of a REDIS_URL, raw and decoded, so neither form is ever printed. */
function redisSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = new URL(url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [url];
  }
}
