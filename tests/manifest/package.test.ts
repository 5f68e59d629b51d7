import { spawnSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { ConfigError } from '../../src/config';
import {
  AppPackageError,
  DEFAULT_BOT_ID,
  DEFAULT_TEAMS_APP_ID,
  DEFAULT_TEMPLATE_PATH,
  LOCAL_ZIP_NAME,
  MANIFEST_DIR,
  buildAppPackage,
  checkIcon,
  type PackagedManifest,
} from '../../manifest/scripts/package';

// @microsoft/app-manifest requires strip-bom@5, which is ESM only. Node >= 20.19 loads it through
// require(esm), but Jest's module runtime only does so on Node >= 24.9. Packaging never reads a
// manifest through the package (only its schema validator is used), so a CommonJS stand-in for that
// one helper is enough here; the CLI test below runs the real module graph under tsx.
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (s: string) => (s.startsWith('\uFEFF') ? s.slice(1) : s),
}));

const ROOT = path.resolve(__dirname, '..', '..');
const TEAMS_APP_ID = '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f';
const BOT_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const FULL_ENV = {
  TEAMS_APP_ID,
  MicrosoftAppId: BOT_ID,
  MicrosoftAppPassword: 'not-a-real-secret',
  APP_VERSION: '2.3.4',
  BOT_DOMAIN: 'bot.example.com',
};

const COMMON_TITLES = [
  'help',
  'my roles',
  'benefits',
  'request visual studio',
  'my requests',
  'pending approvals',
  'assign seat',
  'activate support',
  'marketing contact',
];

let tmp: string;
let fetchSpy: jest.SpyInstance;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'teams-package-'));
  // Validation must be offline: any attempt to fetch a schema fails the test.
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in tests'));
});

afterEach(async () => {
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
  await fs.rm(tmp, { recursive: true, force: true });
});

async function readZip(zipPath: string): Promise<JSZip> {
  return JSZip.loadAsync(await fs.readFile(zipPath));
}

async function template(): Promise<PackagedManifest> {
  return JSON.parse(await fs.readFile(DEFAULT_TEMPLATE_PATH, 'utf8')) as PackagedManifest;
}

/** Writes a modified copy of the template to the temp dir and returns its path. */
async function writeTemplate(edit: (m: PackagedManifest) => void): Promise<string> {
  const m = await template();
  edit(m);
  const file = path.join(tmp, 'manifest.template.json');
  await fs.writeFile(file, JSON.stringify(m, null, 2));
  return file;
}

/** Copies the icons and localisation file to `<tmp>/assets` so a test can break one of them. */
async function copyAssets(): Promise<string> {
  const dir = path.join(tmp, 'assets');
  await fs.mkdir(dir);
  for (const f of ['color.png', 'outline.png', 'zh-cn.json']) {
    await fs.copyFile(path.join(MANIFEST_DIR, f), path.join(dir, f));
  }
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<AppPackageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppPackageError);
  return err as AppPackageError;
}

describe('buildAppPackage', () => {
  it('fills, validates and zips the real manifest', async () => {
    const outDir = path.join(tmp, 'out');
    const { zipPath, manifest } = await buildAppPackage({ env: FULL_ENV, outDir });

    expect(zipPath).toBe(path.join(outDir, 'appPackage.zip'));
    const zip = await readZip(zipPath);
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'manifest.json',
      'outline.png',
      'zh-cn.json',
    ]);

    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('{{');
    const packed = JSON.parse(text) as PackagedManifest;
    expect(packed).toEqual(manifest);
    expect(packed.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${packed.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(packed.id).toBe(TEAMS_APP_ID);
    expect(packed.version).toBe('2.3.4');
    expect(packed.validDomains).toEqual(['bot.example.com']);
    expect(packed.webApplicationInfo).toBeUndefined();
    expect(packed.name).toEqual({
      short: 'Partner Benefits',
      full: 'Partner Benefits for Microsoft partners',
    });

    const bot = packed.bots![0];
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const personal = bot.commandLists!.find((l) => l.scopes.join() === 'personal')!;
    const team = bot.commandLists!.find((l) => [...l.scopes].sort().join() === 'groupChat,team')!;
    expect(personal.commands.map((c) => c.title)).toEqual([...COMMON_TITLES, 'membership']);
    expect(team.commands.map((c) => c.title)).toEqual([...COMMON_TITLES, 'post expiry reminders here']);
    for (const list of [personal, team]) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) expect(c.description).toMatch(/\S/);
    }

    const zh = JSON.parse(await zip.file('zh-cn.json')!.async('string')) as Record<string, string>;
    expect(zh).toEqual(JSON.parse(await fs.readFile(path.join(MANIFEST_DIR, 'zh-cn.json'), 'utf8')));
    expect(zh['bots[0].commandLists[0].commands[0].title']).toBe('帮助');
    expect(zh['bots[0].commandLists[1].commands[9].title']).toBe('在这个频道发送到期提醒');
    expect(packed.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'zh-cn', file: 'zh-cn.json' }],
    });

    const color = await zip.file('color.png')!.async('nodebuffer');
    expect(color.equals(await fs.readFile(path.join(MANIFEST_DIR, 'color.png')))).toBe(true);
  });

  it('uses the defaults in local mode, and names the result appPackage-local.zip, not the upload name', async () => {
    const { manifest, zipPath, placeholders } = await buildAppPackage({ env: {}, outDir: tmp });
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(manifest.bots![0].botId).toBe(DEFAULT_BOT_ID);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.validDomains).toEqual(['localhost']);
    expect(zipPath).toBe(path.join(tmp, LOCAL_ZIP_NAME));
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
    expect(placeholders).toEqual([
      expect.stringContaining('MicrosoftAppId is not set'),
      expect.stringContaining('BOT_DOMAIN is "localhost"'),
    ]);
  });

  it('a real bot id with a loopback domain is still only a local package', async () => {
    const { zipPath, placeholders } = await buildAppPackage({
      env: { ...FULL_ENV, BOT_DOMAIN: '127.0.0.1' },
      outDir: tmp,
    });
    expect(zipPath).toBe(path.join(tmp, LOCAL_ZIP_NAME));
    expect(placeholders).toEqual([expect.stringContaining('BOT_DOMAIN is "127.0.0.1"')]);
  });

  it('a real bot id and domain make appPackage.zip and remove a stale local package', async () => {
    await fs.writeFile(path.join(tmp, LOCAL_ZIP_NAME), 'stale');
    const { zipPath, placeholders } = await buildAppPackage({ env: FULL_ENV, outDir: tmp, forUpload: true });
    expect(zipPath).toBe(path.join(tmp, 'appPackage.zip'));
    expect(placeholders).toEqual([]);
    expect(existsSync(path.join(tmp, LOCAL_ZIP_NAME))).toBe(false);
  });

  it('for upload, refuses the placeholder bot id and localhost and writes nothing', async () => {
    const { MicrosoftAppId: _id, MicrosoftAppPassword: _pw, ...noBot } = FULL_ENV;
    await expect(buildAppPackage({ env: noBot, outDir: tmp, forUpload: true })).rejects.toThrow(
      /MicrosoftAppId is not set/,
    );
    await expect(
      buildAppPackage({ env: { ...FULL_ENV, BOT_DOMAIN: 'localhost' }, outDir: tmp, forUpload: true }),
    ).rejects.toThrow(/BOT_DOMAIN is "localhost"/);
    expect(await fs.readdir(tmp)).toEqual([]);
  });

  it('builds the same zip twice', async () => {
    const a = await buildAppPackage({ env: FULL_ENV, outDir: path.join(tmp, 'a') });
    const b = await buildAppPackage({ env: FULL_ENV, outDir: path.join(tmp, 'b') });
    expect((await fs.readFile(a.zipPath)).equals(await fs.readFile(b.zipPath))).toBe(true);
  });

  it('rejects a template missing a required field, names it, and writes no zip', async () => {
    const templatePath = await writeTemplate((m) => {
      delete m.developer;
    });
    const outDir = path.join(tmp, 'out');
    await fs.mkdir(outDir);
    await fs.writeFile(path.join(outDir, 'appPackage.zip'), 'stale');

    const err = await rejection(buildAppPackage({ env: FULL_ENV, outDir, templatePath }));
    expect(err.problems).toContainEqual(
      expect.stringMatching(/^manifest\.json \/developer: must have required property 'developer'/),
    );
    expect(existsSync(path.join(outDir, 'appPackage.zip'))).toBe(false);
  });

  it('rejects schema violations with the field path', async () => {
    const templatePath = await writeTemplate((m) => {
      m.bots![0].botId = 'not-a-guid';
      m.accentColor = 'blue';
      m.name.short = 'A name that is far too long for Teams';
    });
    const err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, templatePath }));
    expect(err.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json \/bots\/0\/botId: must match pattern/),
        expect.stringMatching(/^manifest\.json \/accentColor: must match pattern/),
        expect.stringMatching(/^manifest\.json \/name\/short: must NOT have more than 30 characters/),
      ]),
    );
    expect(err.message).toContain('/bots/0/botId');
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
  });

  it('rejects a version that is not semver (the v1.30 schema no longer checks it)', async () => {
    const templatePath = await writeTemplate((m) => {
      m.version = 'one.two';
    });
    const err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, templatePath }));
    expect(err.problems).toEqual([
      expect.stringMatching(/^manifest\.json \/version: must be a semantic version/),
    ]);
  });

  it('rejects an unknown property and an unknown placeholder', async () => {
    const templatePath = await writeTemplate((m) => {
      m.colour = '#000000';
      m.developer = { ...(m.developer as object), mpnId: '{{MPN_ID}}' };
    });
    const err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, templatePath }));
    expect(err.problems).toContain('manifest template: unknown placeholder {{MPN_ID}}');
    expect(err.problems).toContainEqual(
      expect.stringMatching(/^manifest\.json \/colour: must NOT have additional properties/),
    );
  });

  it('rejects more than 10 commands in a list', async () => {
    const templatePath = await writeTemplate((m) => {
      m.bots![0].commandLists![0].commands.push({ title: 'eleventh', description: 'One too many' });
    });
    const err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, templatePath }));
    expect(err.problems).toContainEqual(
      expect.stringContaining('/bots/0/commandLists/0/commands: Teams allows at most 10'),
    );
  });

  it('rejects a bot domain with a scheme', async () => {
    const err = await rejection(
      buildAppPackage({ env: { BOT_DOMAIN: 'https://bot.example.com' }, outDir: tmp }),
    );
    expect(err.problems).toEqual([
      expect.stringContaining('BOT_DOMAIN: must be a host name without a scheme'),
    ]);
  });

  it('passes a ConfigError through for a bad environment', async () => {
    await expect(
      buildAppPackage({ env: { TEAMS_APP_ID: 'not-a-guid' }, outDir: tmp }),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
  });

  it('validates zh-cn.json against the localisation schema and the manifest', async () => {
    const assetsDir = await copyAssets();
    const file = path.join(assetsDir, 'zh-cn.json');
    const zh = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, string>;
    zh['bots[0].commandLists[0].commands[12].title'] = '第十三个';
    await fs.writeFile(file, JSON.stringify(zh));
    let err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, assetsDir }));
    expect(err.problems).toEqual([
      expect.stringMatching(
        /^zh-cn\.json \/bots\[0\]\.commandLists\[0\]\.commands\[12\]\.title: must NOT have additional properties/,
      ),
    ]);

    delete zh['bots[0].commandLists[0].commands[12].title'];
    delete zh['bots[0].commandLists[1].commands[9].description'];
    zh['bots[0].commandLists[1].commands[10].title'] = '多余';
    await fs.writeFile(file, JSON.stringify(zh));
    err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, assetsDir }));
    expect(err.problems.sort()).toEqual([
      'zh-cn.json /bots[0].commandLists[1].commands[10].title: translates a string the manifest does not have',
      'zh-cn.json /bots[0].commandLists[1].commands[9].description: translation missing',
    ]);
  });

  it('rejects icons of the wrong size or colour', async () => {
    const assetsDir = await copyAssets();
    await sharp({ create: { width: 96, height: 96, channels: 4, background: '#2F5AAE' } })
      .png()
      .toFile(path.join(assetsDir, 'color.png'));
    await sharp({
      create: { width: 32, height: 32, channels: 4, background: { r: 47, g: 90, b: 174, alpha: 1 } },
    })
      .png()
      .toFile(path.join(assetsDir, 'outline.png'));
    const err = await rejection(buildAppPackage({ env: FULL_ENV, outDir: tmp, assetsDir }));
    expect(err.problems).toEqual(
      expect.arrayContaining([
        'color.png: the color icon must be 192x192 pixels (is 96x96)',
        'outline.png: the outline icon must be white on transparent (1024 coloured pixels)',
        'outline.png: the outline icon must have a transparent background (every pixel is opaque)',
      ]),
    );
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
  });
});

describe('checkIcon', () => {
  it('accepts the committed icons', async () => {
    expect(await checkIcon(path.join(MANIFEST_DIR, 'color.png'), 'color')).toEqual({
      width: 192,
      height: 192,
      problems: [],
    });
    expect(await checkIcon(path.join(MANIFEST_DIR, 'outline.png'), 'outline')).toEqual({
      width: 32,
      height: 32,
      problems: [],
    });
  });

  it('reports the size it found', async () => {
    const file = path.join(tmp, 'big.png');
    await sharp({
      create: { width: 48, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toFile(file);
    expect((await checkIcon(file, 'outline')).problems).toEqual([
      'big.png: the outline icon must be 32x32 pixels (is 48x32)',
    ]);
  });

  it('accepts anti-aliased white edges but not a grey pixel', async () => {
    const pixels = Buffer.alloc(32 * 32 * 4); // transparent black
    pixels.set([255, 255, 255, 128], 0); // half-transparent white: fine
    const ok = path.join(tmp, 'ok.png');
    await sharp(pixels, { raw: { width: 32, height: 32, channels: 4 } })
      .png()
      .toFile(ok);
    expect((await checkIcon(ok, 'outline')).problems).toEqual([]);

    pixels.set([200, 200, 200, 255], 4);
    const grey = path.join(tmp, 'grey.png');
    await sharp(pixels, { raw: { width: 32, height: 32, channels: 4 } })
      .png()
      .toFile(grey);
    expect((await checkIcon(grey, 'outline')).problems).toEqual([
      'grey.png: the outline icon must be white on transparent (1 coloured pixels)',
    ]);
  });

  it('reports a file that is not an image', async () => {
    const file = path.join(tmp, 'color.png');
    await fs.writeFile(file, 'not a png');
    const { problems } = await checkIcon(file, 'color');
    expect(problems).toEqual([expect.stringMatching(/^color\.png: cannot read the color icon/)]);
  });
});

describe('npm run package (CLI)', () => {
  function runCli(env: Record<string, string>, outDir: string, ...flags: string[]) {
    return spawnSync('npx', ['tsx', 'manifest/scripts/package.ts', '--out-dir', outDir, ...flags], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('exits non-zero with the config error for an invalid environment', () => {
    const result = runCli({ TEAMS_APP_ID: 'not-a-guid' }, tmp);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TEAMS_APP_ID: TEAMS_APP_ID must be a GUID');
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
  });

  it('writes the zip for a valid environment', () => {
    const result = runCli(FULL_ENV, tmp, '--for-upload');
    expect(result.stderr).not.toContain('not built');
    expect(result.stderr).not.toContain('LOCAL');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('appPackage.zip');
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(true);
  });

  it('without an app id writes appPackage-local.zip and warns that it will not work in Teams', () => {
    const result = runCli({ TEAMS_APP_ID, BOT_DOMAIN: 'bot.example.com' }, tmp);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(LOCAL_ZIP_NAME);
    expect(result.stderr).toContain('LOCAL package');
    expect(result.stderr).toContain('MicrosoftAppId is not set');
    expect(existsSync(path.join(tmp, LOCAL_ZIP_NAME))).toBe(true);
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
  });

  it('with --for-upload and no app id exits 1 and writes nothing', () => {
    const result = runCli({ TEAMS_APP_ID, BOT_DOMAIN: 'bot.example.com' }, tmp, '--for-upload');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('not built');
    expect(result.stderr).toContain('MicrosoftAppId is not set');
    expect(existsSync(path.join(tmp, LOCAL_ZIP_NAME))).toBe(false);
    expect(existsSync(path.join(tmp, 'appPackage.zip'))).toBe(false);
  });
});
