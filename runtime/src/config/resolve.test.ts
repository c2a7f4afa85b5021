import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, readEnv } from './environment';
import { ConfigError, validateConfig } from './load';
import { resolveConfig } from './resolve';

const example = JSON.parse(readFileSync(new URL('../../../parley.config.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const file = (overrides: Record<string, unknown> = {}) => validateConfig({ ...example, ...overrides });
const resolve = (env: Record<string, string | undefined>, overrides: Record<string, unknown> = {}) =>
  resolveConfig(file(overrides), { env, baseDir: '/srv/parley' });

describe('resolveConfig', () => {
  it('fills every setting from the file and its defaults when the environment is empty', () => {
    const { config } = resolve({});
    expect(config.baseDir).toBe('/srv/parley');
    expect(config.server.port).toBe(3000);
    expect(config.redis).toEqual({ prefix: 'parley:', cluster: false });
    expect(config.nlu).toEqual({ vectors: true });
    expect(config.logLevel).toBe('info');
    expect(config.workLeaseMs).toBeUndefined();
    expect(config.admin.token).toBeUndefined();
  });

  it('lets the environment override the file', () => {
    const { config } = resolve(
      {
        PORT: '8080',
        REDIS_URL: 'redis://:pw@db:6379/1',
        PARLEY_REDIS_PREFIX: 'p2:',
        REDIS_CLUSTER: 'true',
        PARLEY_REDIS_SHARDS: '16',
        PARLEY_WORK_LEASE_MS: '5000',
        PARLEY_NLU_VECTORS: '0',
        LOG_LEVEL: 'debug',
      },
      { redis: { prefix: 'file:', shards: 4 } },
    );
    expect(config.server.port).toBe(8080);
    expect(config.redis).toEqual({ url: 'redis://:pw@db:6379/1', prefix: 'p2:', cluster: true, shards: 16 });
    expect(config.workLeaseMs).toBe(5000);
    expect(config.nlu.vectors).toBe(false);
    expect(config.logLevel).toBe('debug');
  });

  it('takes the Redis layout from the file when the environment is silent', () => {
    expect(resolve({}, { redis: { prefix: 'file:', cluster: true, shards: 4 } }).config.redis).toEqual({
      prefix: 'file:',
      cluster: true,
      shards: 4,
    });
  });

  it('reads the secrets the file names, and warns about missing tenant secrets by name only', () => {
    const { config, warnings } = resolve(
      { META_APP_SECRET: 's3cret', PARLEY_ADMIN_TOKEN: 'adm', LLM_KEY: 'sk-1', METRICS_TOKEN: 'm-1' },
      { llm: { baseUrl: 'http://llm/v1', model: 'm', apiKeyEnv: 'LLM_KEY' }, metrics: { tokenEnv: 'METRICS_TOKEN' } },
    );
    expect(config.tenants[0]?.appSecret).toBe('s3cret');
    expect(config.admin).toMatchObject({ token: 'adm', tokenEnv: 'PARLEY_ADMIN_TOKEN' });
    expect(config.admin.password).toBeUndefined();
    expect(config.llm?.apiKey).toBe('sk-1');
    expect(config.metrics?.token).toBe('m-1');
    expect(warnings.join('\n')).toMatch(/tenant demo: environment variable WHATSAPP_TOKEN \(accessTokenEnv\) is not set/);
    expect(warnings.join('\n')).not.toMatch(/s3cret/);
  });

  it('returns a frozen object (tests may ask for a mutable one)', () => {
    const { config } = resolve({});
    expect(Object.isFrozen(config.send)).toBe(true);
    expect(() => {
      config.send.ratePerSecond = 1;
    }).toThrow(TypeError);
    const mutable = resolveConfig(file(), { env: {}, baseDir: '.', mutable: true }).config;
    mutable.send.ratePerSecond = 1;
    expect(mutable.send.ratePerSecond).toBe(1);
  });

  it('names the variable of a bad value, and never prints a secret', () => {
    expect(() => resolve({ PORT: 'eighty' })).toThrowError(
      new ConfigError('environment variable PORT must be an integer from 0 to 65535, got "eighty"'),
    );
    expect(() => resolve({ PARLEY_REDIS_SHARDS: '0' })).toThrowError(/PARLEY_REDIS_SHARDS must be an integer from 1 to 1024, got "0"/);
    expect(() => resolve({ REDIS_CLUSTER: 'maybe' })).toThrowError(/REDIS_CLUSTER must be true or false/);
    expect(() => resolve({ LOG_LEVEL: 'loud' })).toThrowError(/LOG_LEVEL must be one of fatal, error/);
    const secret = 'http://user:hunter2@db:6379';
    expect(() => resolve({ REDIS_URL: secret })).toThrowError(/^environment variable REDIS_URL must start with redis:\/\/ or rediss:\/\/$/);
  });
});

describe('the environment table', () => {
  it('reads an unset or empty variable as unset', () => {
    expect(readEnv({}, 'PORT')).toBeUndefined();
    expect(readEnv({ REDIS_URL: '' }, 'REDIS_URL')).toBeUndefined();
  });

  it('marks the variables that can hold a secret', () => {
    expect(
      Object.entries(ENVIRONMENT)
        .filter(([, v]) => v.secret)
        .map(([name]) => name),
    ).toEqual(['REDIS_URL', 'DATABASE_URL']);
  });
});
