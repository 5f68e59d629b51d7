/**
 * Builds the Teams app package (`npm run package`): manifest/build/appPackage.zip holding
 * manifest.json, color.png, outline.png and the localisation files at the zip root.
 *
 * The template's placeholders are filled from the project's configuration (src/config.ts):
 *   {{TEAMS_APP_ID}}  TEAMS_APP_ID     (default 7e5b0d3c-5a1e-4c1b-9d2f-000000000b07)
 *   {{BOT_ID}}        MicrosoftAppId   (default b0700000-0000-4000-8000-0000000000b7, local mode only)
 *   {{APP_VERSION}}   APP_VERSION      (default: "version" in package.json)
 *   {{BOT_DOMAIN}}    BOT_DOMAIN       (default localhost; a host name, no scheme)
 *
 * Everything is validated offline before anything is written: the filled manifest and each
 * localisation file against the JSON schemas shipped in @microsoft/app-manifest (with that
 * package's own validator), plus the checks Teams makes that the schema does not express
 * (semver version, at most 10 commands per list, icon sizes, a white-on-transparent outline).
 *
 * Without a real bot id (MicrosoftAppId) and domain (BOT_DOMAIN) the package could never work in
 * Teams: it is written as appPackage-local.zip with a warning, and `--for-upload` refuses it.
 */
import { promises as fs } from 'fs';
import path from 'path';
import JSZip from 'jszip';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import type { JSONSchemaType } from 'ajv';
import { ConfigError, loadConfig } from '../../src/config';

export const MANIFEST_DIR = path.resolve(__dirname, '..');
export const DEFAULT_TEMPLATE_PATH = path.join(MANIFEST_DIR, 'manifest.template.json');
export const DEFAULT_OUT_DIR = path.join(MANIFEST_DIR, 'build');
export const ZIP_NAME = 'appPackage.zip';
/** Written instead of appPackage.zip while the bot id or domain is a local placeholder: not for upload. */
export const LOCAL_ZIP_NAME = 'appPackage-local.zip';

export const DEFAULT_TEAMS_APP_ID = '7e5b0d3c-5a1e-4c1b-9d2f-000000000b07';
export const DEFAULT_BOT_ID = 'b0700000-0000-4000-8000-0000000000b7';
export const DEFAULT_BOT_DOMAIN = 'localhost';

/** Teams shows at most 10 commands per command list (the v1.30 schema itself allows 12). */
export const MAX_COMMANDS_PER_LIST = 10;
export const ICON_SIZES = { color: 192, outline: 32 } as const;

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[\w.]+)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/i;
/** The `semver` definition of the Teams schema, which `version` itself no longer references. */
const SEMVER = /^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface ManifestCommand {
  title: string;
  description?: string;
}

export interface ManifestCommandList {
  scopes: string[];
  commands: ManifestCommand[];
}

/** The parts of a filled, schema-valid manifest that packaging reads. */
export interface PackagedManifest {
  $schema?: string;
  manifestVersion: string;
  version: string;
  id: string;
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string; color32x32?: string };
  localizationInfo?: {
    defaultLanguageTag: string;
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  bots?: { botId: string; scopes: string[]; commandLists?: ManifestCommandList[] }[];
  validDomains?: string[];
  [key: string]: unknown;
}

export interface BuildAppPackageOptions {
  /** The environment to read the configuration from (normally process.env). */
  env: NodeJS.ProcessEnv | Record<string, string | undefined>;
  /** Where appPackage.zip is written. */
  outDir: string;
  /** Defaults to manifest/manifest.template.json. */
  templatePath?: string;
  /** Where the icons and localisation files are read from. Defaults to manifest/. */
  assetsDir?: string;
  /** Refuse (AppPackageError) rather than write a local package when the bot id or domain is a placeholder. */
  forUpload?: boolean;
}

export interface BuildAppPackageResult {
  zipPath: string;
  manifest: PackagedManifest;
  /** What is still a local placeholder (empty: the package can be uploaded to Teams). */
  placeholders: string[];
}

/** Everything that stopped the package from being built, one line per problem. */
export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function readJsonFile(file: string, label: string, problems: string[]): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    problems.push(`${label}: cannot read ${file}: ${(err as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    problems.push(`${label}: not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Schemas: always the copies bundled in @microsoft/app-manifest, never fetched.

const SCHEMA_ROOT = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest')),
  'json-schemas',
  'teams',
);

/**
 * The localisation schemas use `\b]` in a few patternProperties keys; ajv compiles patterns with
 * the `u` flag, where a lone `]` is a syntax error, so the bundled validator cannot compile them as
 * shipped. Escaping that bracket keeps the meaning (a literal `]`) and makes them compile.
 */
function makePatternsUnicodeSafe(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(makePatternsUnicodeSafe);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'patternProperties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k.replaceAll('\\b]', '\\b\\]'), makePatternsUnicodeSafe(v)]),
      );
    } else if (key === 'pattern' && typeof value === 'string') {
      out[key] = value.replaceAll('\\b]', '\\b\\]');
    } else {
      out[key] = makePatternsUnicodeSafe(value);
    }
  }
  return out;
}

const schemaCache = new Map<string, JSONSchemaType<AppManifest>>();

/** Versions (e.g. "v1.30") whose Teams manifest schema ships in the package. */
export async function bundledSchemaVersions(): Promise<string[]> {
  const entries = await fs.readdir(SCHEMA_ROOT, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Loads the bundled schema a `$schema` URL names, or reports why it cannot. */
async function loadBundledSchema(
  schemaUrl: unknown,
  expectedFile: string,
  label: string,
  problems: string[],
): Promise<JSONSchemaType<AppManifest> | undefined> {
  const match = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!match || match[2].toLowerCase() !== expectedFile.toLowerCase()) {
    problems.push(
      `${label} /$schema: must be https://developer.microsoft.com/json-schemas/teams/<version>/${expectedFile} (got ${JSON.stringify(schemaUrl)})`,
    );
    return undefined;
  }
  const file = path.join(SCHEMA_ROOT, match[1], expectedFile);
  const cached = schemaCache.get(file);
  if (cached) return cached;
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch {
    problems.push(
      `${label} /$schema: schema ${match[1]} is not bundled in @microsoft/app-manifest (offline validation only; bundled: ${(await bundledSchemaVersions()).join(', ')})`,
    );
    return undefined;
  }
  // The same clean-up the package applies to schemas it loads itself.
  const cleaned = raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = makePatternsUnicodeSafe(JSON.parse(cleaned)) as JSONSchemaType<AppManifest>;
  schemaCache.set(file, schema);
  return schema;
}

/** Turns the validator's "<instancePath> <message>. Details: <params>" strings into "path: message". */
export function formatSchemaError(fileLabel: string, error: string): string {
  const detailsAt = error.lastIndexOf('. Details: ');
  const head = detailsAt >= 0 ? error.slice(0, detailsAt) : error;
  let params: Json = {};
  if (detailsAt >= 0) {
    try {
      const parsed = JSON.parse(error.slice(detailsAt + '. Details: '.length)) as unknown;
      if (isObject(parsed)) params = parsed;
    } catch {
      // keep the message as it is
    }
  }
  const space = head.indexOf(' ');
  let instancePath = space >= 0 ? head.slice(0, space) : '';
  const message = space >= 0 ? head.slice(space + 1) : head;
  const named = params.missingProperty ?? params.additionalProperty;
  if (typeof named === 'string') instancePath += `/${named}`;
  return `${fileLabel} ${instancePath || '/'}: ${message}`;
}

async function validateAgainstBundledSchema(
  doc: unknown,
  expectedFile: string,
  label: string,
  problems: string[],
): Promise<void> {
  if (!isObject(doc)) {
    problems.push(`${label}: must be a JSON object`);
    return;
  }
  const schema = await loadBundledSchema(doc.$schema, expectedFile, label, problems);
  if (!schema) return;
  const errors = await AppManifestUtils.validateAgainstSchema(doc as unknown as AppManifest, schema);
  problems.push(...errors.map((e) => formatSchemaError(label, e)));
}

// ---------------------------------------------------------------------------------------------
// Icons

export interface IconCheck {
  width?: number;
  height?: number;
  problems: string[];
}

/**
 * Checks a PNG icon's size and, for the outline icon, that every pixel is transparent or white
 * (any alpha, but colour exactly #FFFFFF wherever alpha > 0).
 */
export async function checkIcon(
  file: string,
  kind: 'color' | 'outline',
  label = path.basename(file),
): Promise<IconCheck> {
  const problems: string[] = [];
  const size = ICON_SIZES[kind];
  let image: Sharp;
  let meta: Metadata;
  try {
    image = sharp(await fs.readFile(file));
    meta = await image.metadata();
  } catch (err) {
    return { problems: [`${label}: cannot read the ${kind} icon: ${(err as Error).message}`] };
  }
  if (meta.format !== 'png') problems.push(`${label}: the ${kind} icon must be a PNG (is ${meta.format})`);
  if (meta.width !== size || meta.height !== size) {
    problems.push(
      `${label}: the ${kind} icon must be ${size}x${size} pixels (is ${meta.width}x${meta.height})`,
    );
  }
  if (kind === 'outline') {
    const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let bad = 0;
    let opaque = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const alpha = data[i + 3];
      if (alpha === 0) continue;
      if (alpha === 255) opaque++;
      if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) bad++;
    }
    if (bad > 0)
      problems.push(`${label}: the outline icon must be white on transparent (${bad} coloured pixels)`);
    if (opaque === info.width * info.height) {
      problems.push(`${label}: the outline icon must have a transparent background (every pixel is opaque)`);
    }
  }
  return { width: meta.width, height: meta.height, problems };
}

// ---------------------------------------------------------------------------------------------
// Filling and checking the manifest

interface PackagingValues {
  TEAMS_APP_ID: string;
  BOT_ID: string;
  APP_VERSION: string;
  BOT_DOMAIN: string;
}

async function packageJsonVersion(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(path.resolve(MANIFEST_DIR, '..', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '';
}

/** Reads the configuration; a ConfigError propagates unchanged. */
export async function packagingValues(env: BuildAppPackageOptions['env']): Promise<PackagingValues> {
  const cfg = loadConfig(env);
  return {
    TEAMS_APP_ID: cfg.packaging.teamsAppId ?? DEFAULT_TEAMS_APP_ID,
    BOT_ID: cfg.auth.appId ?? DEFAULT_BOT_ID,
    APP_VERSION: cfg.packaging.appVersion ?? (await packageJsonVersion()),
    BOT_DOMAIN: cfg.packaging.botDomain ?? DEFAULT_BOT_DOMAIN,
  };
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)(:\d+)?$/i;

/** Which values would make the package useless in Teams (the placeholder bot id, a loopback domain). */
export function placeholderValues(values: PackagingValues): string[] {
  const found: string[] = [];
  if (values.BOT_ID === DEFAULT_BOT_ID) {
    found.push(`MicrosoftAppId is not set: the bot id is the local placeholder ${DEFAULT_BOT_ID}`);
  }
  if (LOOPBACK_HOSTS.test(values.BOT_DOMAIN)) {
    found.push(`BOT_DOMAIN is "${values.BOT_DOMAIN}": Teams cannot reach a bot on this machine`);
  }
  return found;
}

function checkValues(values: PackagingValues, problems: string[]): void {
  const domain = values.BOT_DOMAIN;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) {
    problems.push(
      `BOT_DOMAIN: must be a host name without a scheme (got "${domain}"; use "${domain.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '')}")`,
    );
  } else if (/[\s/?#@]/.test(domain)) {
    problems.push(`BOT_DOMAIN: must be a bare host name such as bot.example.com (got "${domain}")`);
  }
}

/** Replaces every {{NAME}} in the template text; reports placeholders it does not know. */
export function fillTemplate(template: string, values: Record<string, string>, problems: string[]): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      problems.push(`manifest template: unknown placeholder ${whole}`);
      return whole;
    }
    // Values land inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
}

/** The manifest strings a localisation file can translate, by localisation key. */
function localizableStrings(manifest: PackagedManifest): Map<string, string> {
  const keys = new Map<string, string>();
  keys.set('name.short', manifest.name.short);
  if (manifest.name.full !== undefined) keys.set('name.full', manifest.name.full);
  keys.set('description.short', manifest.description.short);
  keys.set('description.full', manifest.description.full);
  manifest.bots?.forEach((bot, b) =>
    bot.commandLists?.forEach((list, l) =>
      list.commands.forEach((cmd, c) => {
        const prefix = `bots[${b}].commandLists[${l}].commands[${c}]`;
        keys.set(`${prefix}.title`, cmd.title);
        if (cmd.description !== undefined) keys.set(`${prefix}.description`, cmd.description);
      }),
    ),
  );
  return keys;
}

/** Checks Teams makes beyond the JSON schema. */
function checkManifestRules(manifest: PackagedManifest, problems: string[]): void {
  if (!SEMVER.test(manifest.version)) {
    problems.push(
      `manifest.json /version: must be a semantic version such as 1.0.0 (got "${manifest.version}")`,
    );
  }
  manifest.bots?.forEach((bot, b) =>
    bot.commandLists?.forEach((list, l) => {
      if (list.commands.length > MAX_COMMANDS_PER_LIST) {
        problems.push(
          `manifest.json /bots/${b}/commandLists/${l}/commands: Teams allows at most ${MAX_COMMANDS_PER_LIST} commands per list (has ${list.commands.length})`,
        );
      }
    }),
  );
}

function checkTranslations(
  label: string,
  translations: Json,
  source: Map<string, string>,
  problems: string[],
): void {
  for (const [key, value] of Object.entries(translations)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (!source.has(key)) problems.push(`${label} /${key}: translates a string the manifest does not have`);
    else if (typeof value === 'string' && value.trim() === '') problems.push(`${label} /${key}: is empty`);
  }
  for (const key of source.keys()) {
    if (!(key in translations)) problems.push(`${label} /${key}: translation missing`);
  }
}

/** A file name the package may hold at its root: no folders, no way out of the assets folder. */
function isPlainFileName(name: string): boolean {
  return name === path.basename(name) && name !== '.' && name !== '..' && !name.includes('\\');
}

// ---------------------------------------------------------------------------------------------

/**
 * Fills, validates and zips the Teams app package. Throws ConfigError for a bad environment and
 * AppPackageError (with every problem found) for anything else; in both cases no zip is left in
 * `outDir` (an earlier appPackage.zip there is removed, so a failed build never looks current).
 */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuildAppPackageResult> {
  const templatePath = options.templatePath ?? DEFAULT_TEMPLATE_PATH;
  const assetsDir = options.assetsDir ?? MANIFEST_DIR;
  await fs.rm(path.join(options.outDir, ZIP_NAME), { force: true });
  await fs.rm(path.join(options.outDir, LOCAL_ZIP_NAME), { force: true });

  const values = await packagingValues(options.env);
  const problems: string[] = [];
  checkValues(values, problems);
  const placeholders = placeholderValues(values);
  if (options.forUpload && placeholders.length > 0) {
    throw new AppPackageError([...placeholders, 'set both for a package to upload to Teams', ...problems]);
  }
  const zipPath = path.join(options.outDir, placeholders.length > 0 ? LOCAL_ZIP_NAME : ZIP_NAME);

  let template: string;
  try {
    template = await fs.readFile(templatePath, 'utf8');
  } catch (err) {
    throw new AppPackageError([`manifest template: cannot read ${templatePath}: ${(err as Error).message}`]);
  }
  const filled = fillTemplate(template, values as unknown as Record<string, string>, problems);
  let parsed: unknown;
  try {
    parsed = JSON.parse(filled.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppPackageError([...problems, `manifest template: not valid JSON: ${(err as Error).message}`]);
  }

  const schemaProblems: string[] = [];
  await validateAgainstBundledSchema(parsed, 'MicrosoftTeams.schema.json', 'manifest.json', schemaProblems);
  problems.push(...schemaProblems);
  if (schemaProblems.length > 0) throw new AppPackageError(problems);
  const manifest = parsed as PackagedManifest;
  checkManifestRules(manifest, problems);

  // Files the manifest points at, all at the zip root.
  const files = new Map<string, Buffer>();
  const addFile = async (name: string, label: string): Promise<Buffer | undefined> => {
    if (!isPlainFileName(name)) {
      problems.push(`${label}: "${name}" must be a file name at the package root`);
      return undefined;
    }
    if (name === 'manifest.json' || files.has(name)) {
      problems.push(`${label}: "${name}" is used twice in the package`);
      return undefined;
    }
    try {
      const data = await fs.readFile(path.join(assetsDir, name));
      files.set(name, data);
      return data;
    } catch {
      problems.push(`${label}: ${path.join(assetsDir, name)} does not exist`);
      return undefined;
    }
  };

  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons[kind];
    if (await addFile(name, `manifest.json /icons/${kind}`)) {
      problems.push(...(await checkIcon(path.join(assetsDir, name), kind, name)).problems);
    }
  }

  const source = localizableStrings(manifest);
  const languageFiles = [
    ...(manifest.localizationInfo?.defaultLanguageFile
      ? [manifest.localizationInfo.defaultLanguageFile]
      : []),
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ];
  for (const name of languageFiles) {
    const data = await addFile(name, 'manifest.json /localizationInfo');
    if (!data) continue;
    const doc = await readJsonFile(path.join(assetsDir, name), name, problems);
    if (doc === undefined) continue;
    const before = problems.length;
    await validateAgainstBundledSchema(doc, 'MicrosoftTeams.Localization.schema.json', name, problems);
    if (problems.length === before && isObject(doc)) checkTranslations(name, doc, source, problems);
  }

  if (problems.length > 0) throw new AppPackageError(problems);

  // Fixed timestamps keep the zip byte-for-byte reproducible.
  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const [name, data] of files) zip.file(name, data, { date });
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await fs.mkdir(options.outDir, { recursive: true });
  const tmp = `${zipPath}.${process.pid}.tmp`;
  await fs.writeFile(tmp, content);
  await fs.rename(tmp, zipPath);
  return { zipPath, manifest, placeholders };
}

/** `tsx manifest/scripts/package.ts [--out-dir DIR]`: returns the exit code. */
export async function main(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let outDir = DEFAULT_OUT_DIR;
  let forUpload = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out-dir' && argv[i + 1]) outDir = path.resolve(argv[++i]);
    else if (argv[i] === '--for-upload') forUpload = true;
    else {
      console.error(
        `usage: tsx manifest/scripts/package.ts [--out-dir DIR] [--for-upload] (unknown argument ${argv[i]})`,
      );
      return 2;
    }
  }
  try {
    const { zipPath, manifest, placeholders } = await buildAppPackage({ env, outDir, forUpload });
    console.log(
      `wrote ${path.relative(process.cwd(), zipPath)} (app ${manifest.id}, version ${manifest.version}, manifest ${manifest.manifestVersion})`,
    );
    if (placeholders.length > 0) {
      console.error(
        'warning: this is a LOCAL package, for the Agents Playground only; it will not work in Teams:',
      );
      for (const p of placeholders) console.error(`  ${p}`);
      console.error('  set MicrosoftAppId (with its secret) and BOT_DOMAIN for appPackage.zip');
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof AppPackageError) {
      console.error('The Teams app package was not built:');
      for (const problem of err.problems) console.error(`  ${problem}`);
      return 1;
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
