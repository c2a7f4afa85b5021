/**
 * Reads parley.config.json the way the runtime does — JSON, then schemas/config.schema.json
 * with its defaults — and lists every environment variable the config names. The runtime's
 * loader cannot be imported here (nothing imports from runtime/), so this reads the same schema.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../schemas/config.schema.json');

export type ChannelConfig =
  | { type: 'whatsapp'; phoneNumberId: string }
  | { type: 'messenger'; pageId: string }
  | { type: 'instagram'; accountId: string };

export interface TenantConfig {
  id: string;
  appSecretEnv?: string;
  verifyTokenEnv?: string;
  accessTokenEnv?: string;
  flows?: string[];
  defaultFlow?: string;
  channels: ChannelConfig[];
}

/** The parts of the config the checks read (after schema defaults). */
export interface DoctorConfig {
  server: { host: string; port: number };
  flowsDir: string;
  admin: { tokenEnv: string; passwordEnv: string };
  graph: { baseUrl: string; version: string };
  tenants: TenantConfig[];
}

/** An environment variable named by the config, with where it is named (a JSON pointer). */
export interface EnvReference {
  name: string;
  pointer: string;
}

export type LoadedConfig = { ok: true; config: DoctorConfig; baseDir: string; env: EnvReference[] } | { ok: false; problems: string[] };

function describe(e: ErrorObject): string {
  const at = e.instancePath || '(root)';
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${at === '(root)' ? '' : `${at}/`}${String(p.missingProperty)} is required`;
  if (e.keyword === 'additionalProperties') return `${at}: unknown field "${String(p.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${at} must be one of ${JSON.stringify(p.allowedValues)}`;
  return `${at} ${e.message ?? 'is invalid'}`;
}

/** `display`: the path as the person typed it (relative to their folder), for the messages. */
export function loadDoctorConfig(path: string, display = path): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`cannot read ${display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${display} is not valid JSON: ${(error as Error).message}`] };
  }
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, discriminator: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  if (!validate(json)) return { ok: false, problems: [...new Set((validate.errors ?? []).map(describe))].map((p) => `${display}: ${p}`) };
  return { ok: true, config: json as DoctorConfig, baseDir: dirname(resolve(path)), env: envReferences(json) };
}

/** Every `…Env` field of the config, wherever it is (new config sections are covered without a change here). */
export function envReferences(value: unknown, pointer = ''): EnvReference[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => envReferences(item, `${pointer}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = `${pointer}/${key}`;
    if (key.endsWith('Env') && typeof inner === 'string') return [{ name: inner, pointer: at }];
    return envReferences(inner, at);
  });
}
