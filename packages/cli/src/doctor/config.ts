/**
 * Reads parley.config.json with the runtime's own loader (`@parley/runtime/config`: JSON, then
 * schemas/config.schema.json with its defaults, then the checks across fields), and lists every
 * environment variable the config names. What doctor accepts is exactly what the runtime accepts.
 */
import { ConfigError, loadConfigFile, type ChannelConfig, type ParleyConfig } from '@parley/runtime/config';

export type { ChannelConfig };

/** The config as the checks read it (after schema defaults). */
export type DoctorConfig = ParleyConfig;

/** An environment variable named by the config, with where it is named (a JSON pointer). */
export interface EnvReference {
  name: string;
  pointer: string;
}

export type LoadedConfig = { ok: true; config: DoctorConfig; baseDir: string; env: EnvReference[] } | { ok: false; problems: string[] };

/** `display`: the path as the person typed it (relative to their folder), for the messages. */
export function loadDoctorConfig(path: string, display = path): LoadedConfig {
  try {
    const { config, baseDir } = loadConfigFile(path, display);
    return { ok: true, config, baseDir, env: envReferences(config) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

/** Every `…Env` field of the config, wherever it is (new config sections are covered without a change here). */
function envReferences(value: unknown, pointer = ''): EnvReference[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => envReferences(item, `${pointer}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = `${pointer}/${key}`;
    if (key.endsWith('Env') && typeof inner === 'string') return [{ name: inner, pointer: at }];
    return envReferences(inner, at);
  });
}
