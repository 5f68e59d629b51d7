import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { BOT_FRAMEWORK_ENDPOINT_SETTINGS, CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config';

const APP = { MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 's3cret' };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('runs in local mode on embedded defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('local');
    expect(c.port).toBe(3978);
    expect(c.host).toBe('127.0.0.1');
    expect(c.store).toMatchObject({ database: 'mpnbot', localPort: 8081, localDataDir: '.data' });
    expect(c.seedDemo).toBe(true);
    expect(c.auth.appId).toBeUndefined();
  });

  it('uses Azure Cosmos DB and requires the app id when COSMOS_ENDPOINT is set', () => {
    const problems = problemsOf({ COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/', COSMOS_KEY: 'k' });
    expect(problems.join('\n')).toMatch(/MicrosoftAppId: .*required outside local mode/);
    const c = loadConfig({ COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/', COSMOS_KEY: 'k', ...APP });
    expect(c.mode).toBe('configured');
    expect(c.seedDemo).toBe(false);
    expect(c.host).toBe('0.0.0.0');
  });

  it('refuses production without an app id, whatever the store', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toContain('MicrosoftAppId');
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      MicrosoftAppId: 'not-a-guid',
      ALLOWED_TENANTS: 'x,y',
      LOG_LEVEL: 'loud',
      COSMOS_ENDPOINT: 'https://x/',
    });
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const name of ['PORT', 'MicrosoftAppId', 'ALLOWED_TENANTS', 'LOG_LEVEL', 'COSMOS_KEY']) {
      expect(problems.join('\n')).toContain(name);
    }
  });

  it('parses tenant and admin lists, lower-cased', () => {
    const c = loadConfig({
      ALLOWED_TENANTS: 'D0C0FFEE-0000-4000-8000-000000000001, d0c0ffee-0000-4000-8000-000000000002',
      BOOTSTRAP_ADMINS: 'A0000000-0000-4000-8000-000000000001',
    });
    expect(c.allowedTenants).toEqual([
      'd0c0ffee-0000-4000-8000-000000000001',
      'd0c0ffee-0000-4000-8000-000000000002',
    ]);
    expect(c.bootstrapAdmins).toEqual(['a0000000-0000-4000-8000-000000000001']);
  });

  it('takes the seven Bot Framework endpoint settings all or none', () => {
    const all = Object.fromEntries(
      BOT_FRAMEWORK_ENDPOINT_SETTINGS.map((k) => [
        k,
        k.endsWith('Url') ? 'https://login.example.cn/x' : 'value',
      ]),
    );
    expect(loadConfig({ ...APP, ...all }).auth.endpoints).toEqual(all);
    const { OAuthUrl: _dropped, ...partial } = all;
    expect(problemsOf({ ...APP, ...partial }).join()).toContain('all or none; missing: OAuthUrl');
  });

  it('requires a password with an app id unless it uses a managed identity', () => {
    expect(problemsOf({ MicrosoftAppId: APP.MicrosoftAppId }).join()).toContain('MicrosoftAppPassword');
    expect(
      problemsOf({ MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI' }).join(),
    ).toContain('MicrosoftAppTenantId');
  });

  it('lets a run of a dead scanner be taken over after two minutes, or after NOTIFY_CLAIM_SECONDS', () => {
    expect(loadConfig({}).notify.claimMs).toBe(120_000);
    expect(loadConfig({ NOTIFY_CLAIM_SECONDS: '4' }).notify.claimMs).toBe(4_000);
    // Shorter than a few seconds, a slow send would look abandoned and be sent twice.
    expect(() => loadConfig({ NOTIFY_CLAIM_SECONDS: '1' })).toThrow(/NOTIFY_CLAIM_SECONDS/);
    expect(() => loadConfig({ NOTIFY_CLAIM_SECONDS: 'soon' })).toThrow(/NOTIFY_CLAIM_SECONDS/);
  });

  it('lets the heap grow by half its live set unless told otherwise, within 0–300 %', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(problemsOf({ HEAP_GROWTH_PERCENT: '500' }).join('\n')).toMatch(/HEAP_GROWTH_PERCENT/);
  });

  it('documents every variable in the README configuration table', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of CONFIG_VARIABLES) expect(readme).toContain(`\`${name}\``);
  });

  it('exits non-zero listing the problems when started with invalid config', async () => {
    const run = promisify(execFile);
    await expect(
      run(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        env: { ...process.env, PORT: 'nope', LOG_LEVEL: 'loud' },
        timeout: 60_000,
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/PORT[\s\S]*LOG_LEVEL/) as unknown });
  }, 90_000);
});
