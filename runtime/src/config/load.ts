/**
 * Loads and validates parley.config.json. Every problem becomes a ConfigError whose message
 * names the file and the field (JSON pointer), so main.ts can print it and exit 1 without a stack.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { schemaProblem } from '@parley/contract';
import type { ChannelRoute, ParleyConfig, ResolvedTenant } from './types';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** One sentence per problem, each naming the file (or variable) and the field; `parley doctor` prints one line each. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.problems = problems;
  }
}

const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/config.schema.json');

let validator: ReturnType<Ajv2020['compile']> | undefined;
function getValidator(): ReturnType<Ajv2020['compile']> {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, useDefaults: true, discriminator: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  }
  return validator;
}

/** One human sentence per ajv error: "/tenants/0/channels/0/phoneNumberId must match pattern …". */
function describeAjvError(e: ErrorObject): string {
  const { field, problem } = schemaProblem(e);
  const at = e.instancePath;
  if (field !== undefined) return `${at ? `${at}/` : ''}${field} ${problem}`;
  return `${at || '(root)'} ${problem}`;
}

export function validateConfig(input: unknown, fileName = 'parley.config.json'): ParleyConfig {
  const copy = structuredClone(input);
  const validate = getValidator();
  if (!validate(copy)) {
    const problems = [...new Set((validate.errors ?? []).map(describeAjvError))];
    throw new ConfigError(
      `${fileName} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      problems.map((p) => `${fileName}: ${p}`),
    );
  }
  const config = copy as ParleyConfig;
  checkSemantics(config, fileName);
  return config;
}

function checkSemantics(config: ParleyConfig, fileName: string): void {
  const seenTenant = new Set<string>();
  const seenRoute = new Map<string, string>();
  const seenWaba = new Map<string, string>();
  config.tenants.forEach((t, i) => {
    if (seenTenant.has(t.id)) throw new ConfigError(`${fileName}: /tenants/${i}/id "${t.id}" is used by two tenants`);
    seenTenant.add(t.id);
    t.channels.forEach((c, j) => {
      const key = routingKeyOf(c);
      const owner = seenRoute.get(key);
      if (owner) throw new ConfigError(`${fileName}: /tenants/${i}/channels/${j} routes ${c.type} id ${key}, already used by ${owner}`);
      seenRoute.set(key, `/tenants/${i}/channels/${j}`);
      // A template webhook names only the business account: it must lead to one tenant.
      if (c.type === 'whatsapp' && c.wabaId !== undefined) {
        const wabaOwner = seenWaba.get(c.wabaId);
        if (wabaOwner && wabaOwner !== t.id)
          throw new ConfigError(
            `${fileName}: /tenants/${i}/channels/${j}/wabaId ${c.wabaId} is already the business account of tenant ${wabaOwner}`,
          );
        seenWaba.set(c.wabaId, t.id);
      }
    });
    if (t.defaultFlow && t.flows && !t.flows.includes(t.defaultFlow)) {
      throw new ConfigError(`${fileName}: /tenants/${i}/defaultFlow "${t.defaultFlow}" is not in /tenants/${i}/flows`);
    }
  });
}

/** `display`: the path as messages name it (`parley doctor` shows it relative to the person's folder). */
export function loadConfigFile(path: string, display = path): { config: ParleyConfig; baseDir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${display}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${display} is not valid JSON: ${(err as Error).message}`);
  }
  return { config: validateConfig(json, display), baseDir: dirname(resolve(path)) };
}

function routingKeyOf(c: ChannelRoute['channel']): string {
  return c.type === 'whatsapp' ? c.phoneNumberId : c.type === 'messenger' ? c.pageId : c.accountId;
}

export function buildRoutes(tenants: ResolvedTenant[], defaultRate: number): Map<string, ChannelRoute> {
  const routes = new Map<string, ChannelRoute>();
  for (const tenant of tenants) {
    for (const channel of tenant.channels) {
      const routingKey = routingKeyOf(channel);
      routes.set(routingKey, { tenant, channel, routingKey, ratePerSecond: channel.ratePerSecond ?? defaultRate });
    }
  }
  return routes;
}
