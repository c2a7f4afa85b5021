import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ConfigError, buildRoutes, loadConfigFile, validateConfig } from './load';
import { resolveConfig } from './resolve';

const example = JSON.parse(readFileSync(new URL('../../../parley.config.json', import.meta.url), 'utf8')) as Record<string, unknown>;

it('accepts the example config and fills defaults', () => {
  const config = validateConfig(example);
  expect(config.send.ratePerSecond).toBe(80);
  expect(config.server.bodyLimitBytes).toBeGreaterThan(3_000_000);
  expect(config.sessions.ttlSeconds).toBe(604800);
  expect(config.tenants[0]?.channels).toHaveLength(3);
});

it('names the field of a bad channel', () => {
  const bad = structuredClone(example) as { tenants: Array<{ channels: Array<Record<string, unknown>> }> };
  bad.tenants[0]!.channels[0]!.phoneNumberId = 'abc';
  expect(() => validateConfig(bad)).toThrowError(/\/tenants\/0\/channels\/0\/phoneNumberId must match pattern/);
  bad.tenants[0]!.channels[0] = { type: 'telegram', chatId: '1' };
  expect(() => validateConfig(bad)).toThrowError(/\/tenants\/0\/channels\/0\/type must be one of the known types/);
});

it('names missing and unknown fields', () => {
  expect(() => validateConfig({})).toThrowError(/tenants is required/);
  expect(() => validateConfig({ ...example, sendd: {} })).toThrowError(/unknown field "sendd"/);
  const secretValue = structuredClone(example) as { tenants: Array<Record<string, unknown>> };
  secretValue.tenants[0]!.appSecretEnv = 'this-is-a-secret-value';
  expect(() => validateConfig(secretValue)).toThrowError(/\/tenants\/0\/appSecretEnv must match pattern/);
});

it('rejects a routing id used twice', () => {
  const dup = structuredClone(example) as { tenants: Array<{ id: string; channels: unknown[] }> };
  dup.tenants.push({ id: 'other', channels: [dup.tenants[0]!.channels[0]] });
  expect(() => validateConfig(dup)).toThrowError(ConfigError);
  expect(() => validateConfig(dup)).toThrowError(/already used by \/tenants\/0\/channels\/0/);
});

it('reports unreadable and non-JSON files precisely', () => {
  expect(() => loadConfigFile('/nonexistent/parley.config.json')).toThrowError(/cannot read config file .*ENOENT/);
});

it('reads secrets by env name and warns about missing ones', () => {
  const config = validateConfig(example);
  const {
    config: { tenants },
    warnings,
  } = resolveConfig(config, { env: { META_APP_SECRET: 's3cret' }, baseDir: '.' });
  expect(tenants[0]?.appSecret).toBe('s3cret');
  expect(warnings.join('\n')).toMatch(/WHATSAPP_TOKEN/);
  expect(warnings.join('\n')).not.toMatch(/s3cret/);
  const routes = buildRoutes(tenants, 80);
  expect(routes.get('106540352242922')?.tenant.id).toBe('demo');
  expect(routes.get('106540352242922')?.ratePerSecond).toBe(80);
});

it('fills the template defaults and checks wabaId and appId', () => {
  const config = validateConfig(example);
  expect(config.templatesDir).toBe('templates');
  expect(config.templates).toEqual({ syncIntervalSec: 900 });
  const channel = config.tenants[0]?.channels[0];
  expect(channel?.type === 'whatsapp' ? channel.wabaId : undefined).toBe('102290129340398');
  const bad = structuredClone(example) as { tenants: Array<{ appId?: string; channels: Array<Record<string, unknown>> }> };
  bad.tenants[0]!.channels[0]!.wabaId = 'waba';
  bad.tenants[0]!.appId = '12';
  expect(() => validateConfig(bad)).toThrowError(/\/tenants\/0\/channels\/0\/wabaId must match pattern/);
  expect(() => validateConfig(bad)).toThrowError(/\/tenants\/0\/appId must match pattern/);
  expect(() => validateConfig({ ...example, templates: { syncIntervalSec: -1 } })).toThrowError(/\/templates\/syncIntervalSec/);
});

it('rejects one business account for two tenants (a template webhook names only the account)', () => {
  const dup = structuredClone(example) as { tenants: Array<{ id: string; channels: Array<Record<string, unknown>> }> };
  dup.tenants.push({ id: 'other', channels: [{ type: 'whatsapp', phoneNumberId: '99999', wabaId: '102290129340398' }] });
  expect(() => validateConfig(dup)).toThrowError(
    /\/tenants\/1\/channels\/0\/wabaId 102290129340398 is already the business account of tenant demo/,
  );
});
