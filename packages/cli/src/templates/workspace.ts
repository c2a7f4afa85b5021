/**
 * Where `parley templates …` works: the templates folder and its lock, the tenant, and (when the
 * config names a WhatsApp Business Account and the token is set) the Graph API to talk to. The
 * config is read with the runtime's own loader, so the CLI and the runtime agree on every field.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfigFile, readEnv, type ParleyConfig, type TenantConfig } from '@parley/runtime/config';
import { stringOption, type OptionSpec, type Parsed } from '../args';
import { CliError, UsageError } from '../errors';
import { displayPath } from '../files';
import type { Io } from '../io';

/** Options every `parley templates` subcommand takes. */
export const WORKSPACE_OPTIONS: OptionSpec = {
  dir: { type: 'string' },
  config: { type: 'string' },
  tenant: { type: 'string' },
  'graph-url': { type: 'string' },
  json: { type: 'boolean' },
};

export const WORKSPACE_HELP = `  --dir <folder>     the templates folder (default: templatesDir of the config, else templates/)
  --config <file>    the config (default: $PARLEY_CONFIG or parley.config.json, when it exists)
  --tenant <id>      whose lock entries and Meta account (default: the config's first tenant)
  --graph-url <url>  Graph API base URL (default: $PARLEY_GRAPH_URL or graph.baseUrl of the config)
  --json             print the result as JSON`;

export const LOCK_FILE = 'templates.lock.json';

/** What reaching Meta needs; `missing` says in a sentence why it cannot be reached. */
export type RemoteTarget =
  | { ok: true; baseUrl: string; version: string; accessToken: string; wabaId: string; appId?: string; timeoutMs: number }
  | { ok: false; missing: string };

export interface TemplatesWorkspace {
  /** Absolute templates folder and how messages name it. */
  dir: string;
  dirDisplay: string;
  lockPath: string;
  lockDisplay: string;
  tenant: string;
  /** The config file as messages name it, when one was read. */
  configDisplay?: string;
  remote: RemoteTarget;
  json: boolean;
}

export function openWorkspace(command: string, args: Parsed, io: Io): TemplatesWorkspace {
  const loaded = loadConfig(command, args, io);
  const dirOption = stringOption(args, 'dir');
  const dir = dirOption
    ? resolve(io.cwd, dirOption)
    : loaded
      ? resolve(loaded.baseDir, configuredTemplatesDir(loaded.config) ?? 'templates')
      : resolve(io.cwd, 'templates');
  const tenant = pickTenant(command, args, loaded?.config);
  const lockPath = join(dir, LOCK_FILE);
  return {
    dir,
    dirDisplay: displayPath(dir, io.cwd),
    lockPath,
    lockDisplay: displayPath(lockPath, io.cwd),
    tenant: tenant?.id ?? stringOption(args, 'tenant') ?? 'default',
    configDisplay: loaded?.display,
    remote: remoteTarget(args, io, loaded, tenant),
    json: args.values.json === true,
  };
}

interface LoadedConfig {
  config: ParleyConfig;
  baseDir: string;
  display: string;
}

/** An explicit --config must exist; the default one is optional (validate and dry-run work without it). */
function loadConfig(command: string, args: Parsed, io: Io): LoadedConfig | undefined {
  const explicit = stringOption(args, 'config') ?? env(command, io, 'PARLEY_CONFIG');
  const path = resolve(io.cwd, explicit ?? 'parley.config.json');
  const display = displayPath(path, io.cwd);
  if (!explicit && !existsSync(path)) return undefined;
  try {
    const { config, baseDir } = loadConfigFile(path, display);
    return { config, baseDir, display };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`parley templates ${command}: ${error.message}`);
    throw error;
  }
}

function pickTenant(command: string, args: Parsed, config: ParleyConfig | undefined): TenantConfig | undefined {
  const wanted = stringOption(args, 'tenant');
  if (!config) return undefined;
  if (wanted === undefined) return config.tenants[0];
  const found = config.tenants.find((t) => t.id === wanted);
  if (!found)
    throw new UsageError(
      `parley templates ${command}: no tenant "${wanted}" in the config; its tenants are ${config.tenants.map((t) => t.id).join(', ')}`,
    );
  return found;
}

function remoteTarget(args: Parsed, io: Io, loaded: LoadedConfig | undefined, tenant: TenantConfig | undefined): RemoteTarget {
  if (!loaded || !tenant) return { ok: false, missing: 'no config file (parley.config.json or --config), so no Meta account to reach' };
  const wabaId = tenantWabaId(tenant);
  if (!wabaId)
    return {
      ok: false,
      missing: `tenant ${tenant.id} has no WhatsApp Business Account id: add "wabaId" to its whatsapp channel in ${loaded.display}`,
    };
  const tokenEnv = tenant.accessTokenEnv;
  const accessToken = tokenEnv ? io.env[tokenEnv] : undefined;
  if (!tokenEnv) return { ok: false, missing: `tenant ${tenant.id} has no access token configured (accessTokenEnv in ${loaded.display})` };
  if (!accessToken) return { ok: false, missing: `tenant ${tenant.id}: the access token variable ${tokenEnv} is not set` };
  const baseUrl = stringOption(args, 'graph-url') ?? env('templates', io, 'PARLEY_GRAPH_URL') ?? loaded.config.graph.baseUrl;
  const appId = 'appId' in tenant && typeof tenant.appId === 'string' ? tenant.appId : undefined;
  return {
    ok: true,
    baseUrl,
    version: loaded.config.graph.version,
    accessToken,
    wabaId,
    timeoutMs: loaded.config.graph.timeoutMs,
    ...(appId ? { appId } : {}),
  };
}

/** The WABA id lives on the tenant's WhatsApp channel (templates belong to the business account, not a number). */
function tenantWabaId(tenant: TenantConfig): string | undefined {
  for (const channel of tenant.channels) {
    if (channel.type === 'whatsapp' && 'wabaId' in channel && typeof channel.wabaId === 'string' && channel.wabaId) return channel.wabaId;
  }
  return undefined;
}

function configuredTemplatesDir(config: ParleyConfig): string | undefined {
  return 'templatesDir' in config && typeof config.templatesDir === 'string' ? config.templatesDir : undefined;
}

function env(command: string, io: Io, name: 'PARLEY_CONFIG' | 'PARLEY_GRAPH_URL'): string | undefined {
  try {
    return readEnv(io.env, name);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`parley templates ${command}: ${error.message}`);
    throw error;
  }
}

/** For the commands that cannot work without Meta (push, pull): the reason as an error. */
export function requireRemote(command: string, workspace: TemplatesWorkspace): Extract<RemoteTarget, { ok: true }> {
  if (workspace.remote.ok) return workspace.remote;
  throw new CliError(`parley templates ${command}: cannot reach Meta: ${workspace.remote.missing}`);
}
