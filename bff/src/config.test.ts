import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults (protocol §9)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.sessionIdleS).toBe(300);
    expect(config.maxPackageBytes).toBe(1_048_576);
    expect(config.maxArtifactBytes).toBe(512 * 1024 * 1024);
    expect(config.serverId).toBe('dmc');
    expect(config.maxDeliveries).toBe(5);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads the node limits of protocol §12, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ maxNodesPerWrite: 20_000, maxNodesPerDevice: 100_000 });
    const set = loadConfig({ DMC_MAX_NODES_PER_WRITE: '500', DMC_MAX_NODES_PER_DEVICE: '2000' });
    expect(set).toMatchObject({ maxNodesPerWrite: 500, maxNodesPerDevice: 2000 });
    expect(() => loadConfig({ DMC_MAX_NODES_PER_WRITE: '0' })).toThrow(/DMC_MAX_NODES_PER_WRITE.*at least 1/);
    expect(() => loadConfig({ DMC_MAX_NODES_PER_DEVICE: 'many' })).toThrow(/DMC_MAX_NODES_PER_DEVICE/);
  });

  it('reads the console session idle timeout (protocol §10), default 60 minutes', () => {
    expect(loadConfig({}).sessionIdleMinutes).toBe(60);
    expect(loadConfig({ DMC_SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15);
    expect(() => loadConfig({ DMC_SESSION_IDLE_MINUTES: '0' })).toThrow(
      /DMC_SESSION_IDLE_MINUTES.*at least 1/,
    );
  });

  it('reads DMC_CAMPAIGN_APPROVAL: optional by default, required on request, nothing else (protocol §11)', () => {
    expect(loadConfig({}).campaignApprovalRequired).toBe(false);
    expect(loadConfig({ DMC_CAMPAIGN_APPROVAL: 'required' }).campaignApprovalRequired).toBe(true);
    expect(() => loadConfig({ DMC_CAMPAIGN_APPROVAL: 'yes' })).toThrow(
      /DMC_CAMPAIGN_APPROVAL.*optional or required/,
    );
  });

  it('names the variable and the fault for a bad port', () => {
    expect(() => loadConfig({ DMC_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ DMC_PORT: 'abc' })).toThrow(/DMC_PORT \(got "abc"\): must be a number/);
    expect(() => loadConfig({ DMC_PORT: '70000' })).toThrow(/DMC_PORT.*between 0 and 65535/);
  });

  it('lists every bad variable at once', () => {
    const attempt = () => loadConfig({ DMC_PORT: 'x', DMC_DATABASE_URL: 'mysql://h/db' });
    expect(attempt).toThrow(/DMC_PORT/);
    expect(attempt).toThrow(/DMC_DATABASE_URL.*postgres:\/\//);
  });

  it('derives the public URL from the port and strips a trailing slash', () => {
    expect(loadConfig({ DMC_PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ DMC_PUBLIC_URL: 'https://dm.example.test/' }).publicUrl).toBe(
      'https://dm.example.test',
    );
  });

  it('requires TLS certificate and key together', () => {
    expect(() => loadConfig({ DMC_TLS_CERT: '/c.pem' })).toThrow(/DMC_TLS_CERT and DMC_TLS_KEY/);
  });

  it('reads the several-instances settings, with defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.redisUrl).toBeUndefined();
    expect(defaults.redisPrefix).toBe('dmc');
    expect(defaults.leaseTtlS).toBe(15);
    expect(defaults.instanceId).toMatch(/-\d+$/);
    expect(defaults.metricsToken).toBeUndefined();
    const set = loadConfig({
      DMC_REDIS_URL: 'redis://127.0.0.1:6379',
      DMC_REDIS_PREFIX: 'test-1',
      DMC_INSTANCE_ID: 'a',
      DMC_LEASE_TTL_S: '2',
      DMC_METRICS_TOKEN: 'a-long-enough-token',
    });
    expect(set).toMatchObject({ redisPrefix: 'test-1', instanceId: 'a', leaseTtlS: 2 });
    expect(() => loadConfig({ DMC_REDIS_PREFIX: 'a b' })).toThrow(/DMC_REDIS_PREFIX/);
    expect(() => loadConfig({ DMC_METRICS_TOKEN: 'short' })).toThrow(/DMC_METRICS_TOKEN/);
  });

  it('rejects a short admin password but ignores an empty one', () => {
    expect(() => loadConfig({ DMC_ADMIN_PASSWORD: 'short' })).toThrow(/DMC_ADMIN_PASSWORD/);
    expect(loadConfig({ DMC_ADMIN_PASSWORD: '' }).adminPassword).toBeUndefined();
  });

  it('reads DMC_SECRET_KEY as 32 bytes in base64, base64url or hex, and never echoes a bad one', () => {
    const key = Buffer.alloc(32, 0xfb);
    for (const text of [key.toString('base64'), key.toString('base64url'), key.toString('hex')]) {
      expect(loadConfig({ DMC_SECRET_KEY: text }).secretKey).toEqual(key);
    }
    expect(loadConfig({}).secretKey).toBeUndefined();
    const short = Buffer.alloc(16, 0xfb).toString('base64');
    expect(() => loadConfig({ DMC_SECRET_KEY: short })).toThrow(/DMC_SECRET_KEY: must be 32 bytes/);
    const message = (() => {
      try {
        loadConfig({ DMC_SECRET_KEY: short });
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).not.toContain(short);
    expect(() => loadConfig({ DMC_SECRET_KEY: 'z'.repeat(64) })).toThrow(/DMC_SECRET_KEY/);
  });

  it('requires DMC_SECRET_KEY with PostgreSQL, so every instance seals with the same key', () => {
    const url = 'postgres://db/dmc';
    expect(() => loadConfig({ DMC_DATABASE_URL: url })).toThrow(
      /DMC_SECRET_KEY must be set with DMC_DATABASE_URL/,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ DMC_DATABASE_URL: url, DMC_SECRET_KEY: key }).databaseUrl).toBe(url);
  });

  it('keeps push URLs public unless DMC_PUSH_ALLOW_PRIVATE is 1 (protocol §12)', () => {
    expect(loadConfig({}).pushAllowPrivate).toBe(false);
    expect(loadConfig({ DMC_PUSH_ALLOW_PRIVATE: '0' }).pushAllowPrivate).toBe(false);
    expect(loadConfig({ DMC_PUSH_ALLOW_PRIVATE: '1' }).pushAllowPrivate).toBe(true);
    expect(loadConfig({ DMC_PUSH_ALLOW_PRIVATE: 'true' }).pushAllowPrivate).toBe(true);
    expect(() => loadConfig({ DMC_PUSH_ALLOW_PRIVATE: 'yes' })).toThrow(/DMC_PUSH_ALLOW_PRIVATE.*1 or 0/);
  });

  it('closes idle SUB inboxes after 30 days unless DMC_SUB_INBOX_IDLE_S says otherwise', () => {
    expect(loadConfig({}).subInboxIdleS).toBe(30 * 86_400);
    expect(loadConfig({ DMC_SUB_INBOX_IDLE_S: '3600' }).subInboxIdleS).toBe(3600);
    expect(() => loadConfig({ DMC_SUB_INBOX_IDLE_S: '0' })).toThrow(/DMC_SUB_INBOX_IDLE_S/);
  });

  it('keeps the session inspector packages of 50 sessions per device for 14 days unless told otherwise', () => {
    expect(loadConfig({}).sessionLog).toEqual({ perDevice: 50, days: 14 });
    const set = { DMC_SESSION_LOG_PER_DEVICE: '5', DMC_SESSION_LOG_DAYS: '2' };
    expect(loadConfig(set).sessionLog).toEqual({ perDevice: 5, days: 2 });
    expect(() => loadConfig({ DMC_SESSION_LOG_PER_DEVICE: '0' })).toThrow(/DMC_SESSION_LOG_PER_DEVICE/);
    expect(() => loadConfig({ DMC_SESSION_LOG_DAYS: 'soon' })).toThrow(/DMC_SESSION_LOG_DAYS/);
  });

  it('sweeps profile membership every 300 s unless DMC_PROFILE_SWEEP_S says otherwise', () => {
    expect(loadConfig({}).profileSweepS).toBe(300);
    expect(loadConfig({ DMC_PROFILE_SWEEP_S: '30' }).profileSweepS).toBe(30);
    expect(() => loadConfig({ DMC_PROFILE_SWEEP_S: '0' })).toThrow(/DMC_PROFILE_SWEEP_S/);
  });
});
