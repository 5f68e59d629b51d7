import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Locale } from '../../../src/domain/model';
import { cardSamples, type CardSample } from '../../support/samples';
import { keepOffline, launchBrowser } from '../browser';
import { CARD_WIDTH_PX, THEMES, type Theme } from './teams-host-config';

/**
 * `npm run cards:render`: every card sample (tests/support/samples/index.ts) in every locale, rendered by
 * the Adaptive Cards JS renderer with Teams' light, dark and high-contrast host configs in
 * headless Chromium, one PNG per card in docs/cards/<locale>/<id>.png (light) and
 * docs/cards/<theme>/<locale>/<id>.png, plus docs/cards/README.md listing them. Any text or
 * button that runs past the card's padding or out of its own box at the Teams width is reported
 * and makes the exit code 1 (contrast is checked by tests/cardThemes.test.ts).
 * Offline: the renderer comes from node_modules, the page may reach nothing.
 */

const ROOT = resolve(__dirname, '..', '..', '..');
/** `CARDS_OUT_DIR=<dir>`: the pictures go there instead (tests/e2e/gallery.test.ts checks in a temp dir). */
const OUT_DIR = process.env.CARDS_OUT_DIR ? resolve(process.env.CARDS_OUT_DIR) : join(ROOT, 'docs', 'cards');
const LOCALES: Locale[] = ['en-US', 'zh-CN'];
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const PAGE_SCRIPT = join(__dirname, 'page.js');

interface Rendered {
  theme: Theme['name'];
  locale: Locale;
  id: string;
  file: string;
  messages: string[];
}

const themeDir = (theme: Theme, locale: Locale) =>
  theme.name === 'light' ? join(OUT_DIR, locale) : join(OUT_DIR, theme.name, locale);

async function preparePage(page: Page, locale: Locale, theme: Theme): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><style>${theme.css}</style></head>` +
      `<body><div id="stage"></div></body></html>`,
  );
  await page.addScriptTag({ path: RENDERER });
  await page.addScriptTag({ path: PAGE_SCRIPT });
}

/** Text and buttons that leave the card's content box or their own box (clipped, cut off). */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('#stage .card-frame');
    const card = frame?.querySelector('.ac-adaptiveCard');
    if (!frame || !card) return ['no card rendered'];
    const box = card.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(card).paddingLeft) || 0;
    const right = box.right - pad + 1;
    const found: string[] = [];
    for (const el of Array.from(
      card.querySelectorAll('.ac-textBlock, .ac-textRun, .ac-pushButton, .ac-fact-title, .ac-fact-value'),
    )) {
      const text = (el.textContent ?? '').trim().slice(0, 50);
      if (!text) continue;
      const r = el.getBoundingClientRect();
      const h = el as HTMLElement;
      // The text's own extent (a button's scrollWidth does not show a title cut by its ellipsis).
      const range = document.createRange();
      range.selectNodeContents(h);
      const textRight = range.getBoundingClientRect().right;
      const inner = r.right - (parseFloat(getComputedStyle(h).paddingRight) || 0) + 1;
      if (r.right > right) {
        found.push(`overflow: "${text}" runs ${Math.round(r.right - right)} px past the card's padding`);
      } else if (textRight > right) {
        found.push(`overflow: "${text}" runs ${Math.round(textRight - right)} px past the card's padding`);
      } else if (textRight > inner) {
        found.push(`overflow: "${text}" is cut off at the edge of its ${Math.round(r.width)} px box`);
      }
    }
    return found;
  });
}

async function renderOne(page: Page, locale: Locale, theme: Theme, sample: CardSample): Promise<Rendered> {
  const messages = await page.evaluate(
    ([json, hostConfig]) =>
      (window as unknown as { renderCard: (j: unknown, h: unknown) => string[] }).renderCard(
        json,
        hostConfig,
      ),
    [sample.card, theme.hostConfig] as const,
  );
  // Wait for fonts (CJK and emoji come from system fonts) before the picture.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  messages.push(...(await overflows(page)));
  const file = join(themeDir(theme, locale), `${sample.id}.png`);
  await page.locator('#stage .card-frame').screenshot({ path: file });
  return { theme: theme.name, locale, id: sample.id, file, messages };
}

function readme(rendered: Rendered[]): string {
  const ids = [...new Set(rendered.map((r) => r.id))];
  const lines = [
    '# Card gallery',
    '',
    'Every card the bot sends, rendered from the demo data (`data/demo.json`) through the real view',
    'builders (`cardSamples` in `tests/support/samples/index.ts`) by the Adaptive Cards JS renderer with a',
    `Teams-like light host config, ${CARD_WIDTH_PX} px wide like the Teams chat column. The same cards in`,
    "Teams' dark and high-contrast themes are under [dark/](dark/) and [high-contrast/](high-contrast/).",
    '',
    'Generated by `npm run cards:render` (`tests/e2e/gallery/render-cards.ts`); do not edit by hand.',
    'Real Teams uses Segoe UI and its own button styles, so expect small differences.',
    '',
    `| card | ${LOCALES.join(' | ')} |`,
    `| --- | ${LOCALES.map(() => '---').join(' | ')} |`,
  ];
  for (const id of ids) {
    const cells = LOCALES.map((locale) => {
      const r = rendered.find((x) => x.id === id && x.locale === locale && x.theme === 'light');
      return r ? `![${id} (${locale})](${locale}/${id}.png)` : '—';
    });
    lines.push(`| \`${id}\` | ${cells.join(' | ')} |`);
  }
  const notes = rendered.filter((r) => r.messages.length > 0);
  if (notes.length > 0) {
    lines.push('', '## Renderer messages', '');
    for (const r of notes) {
      for (const m of r.messages) lines.push(`- \`${r.theme}/${r.locale}/${r.id}\`: ${m}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Teams' own chart elements (Chart.Donut …) are unknown to the JS renderer, which draws the
 * fallback our cards declare for them instead (checked for overflow like any other text): expected
 * and listed, not a problem. Any other unknown element still is.
 */
const TEAMS_ONLY = /^parse: UnknownElementType: Unknown element type "Chart\.\w+"\. Fallback will be used/;

/** `CARDS_ONLY=usage,delivery npm run cards:render`: only samples whose id starts so (nothing else touched). */
const ONLY = (process.env.CARDS_ONLY ?? '').split(',').filter(Boolean);

async function main(): Promise<void> {
  const started = Date.now();
  const browser = await launchBrowser();
  const rendered: Rendered[] = [];
  try {
    const context = await browser.newContext({
      viewport: { width: CARD_WIDTH_PX + 64, height: 800 },
      deviceScaleFactor: 1,
    });
    await keepOffline(context);
    const page = await context.newPage();
    for (const theme of THEMES)
      for (const locale of LOCALES) {
        const dir = themeDir(theme, locale);
        await mkdir(dir, { recursive: true });
        // Samples come and go: drop pictures of cards that no longer exist.
        if (ONLY.length === 0)
          for (const f of await readdir(dir)) if (f.endsWith('.png')) await rm(join(dir, f));
        await preparePage(page, locale, theme);
        const samples = cardSamples(locale).filter(
          (s) => ONLY.length === 0 || ONLY.some((prefix) => s.id.startsWith(prefix)),
        );
        const ids = samples.map((s) => s.id);
        const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
        if (dupes.length) throw new Error(`duplicate card sample ids: ${dupes.join(', ')}`);
        for (const sample of samples) {
          const r = await renderOne(page, locale, theme, sample);
          rendered.push(r);
          console.log(`${relative(ROOT, r.file)}${r.messages.length ? `  (${r.messages.join('; ')})` : ''}`);
        }
      }
  } finally {
    await browser.close();
  }
  if (ONLY.length === 0) await writeFile(join(OUT_DIR, 'README.md'), readme(rendered));
  console.log(
    `${rendered.length} cards rendered to ${relative(ROOT, OUT_DIR)}/ in ${Date.now() - started} ms`,
  );
  const problems = rendered.filter((r) =>
    r.messages.some((m) => !m.startsWith('validation: Hint') && !TEAMS_ONLY.test(m)),
  );
  if (problems.length > 0) {
    console.error(
      `${problems.length} card(s) drew messages from the renderer (listed in docs/cards/README.md)`,
    );
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
