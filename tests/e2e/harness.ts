import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createApp, type App } from '../../src/app';
import {
  PLAYGROUND_BOT,
  demoPeople,
  playgroundConfig,
  startPlayground,
  type DemoPerson,
} from '../../src/cli/playground';
import { loadConfig } from '../../src/config';
import { keepOffline, launchBrowser } from './browser';

export { keepOffline, launchBrowser };

/**
 * End-to-end harness: the real bot in this process (local mode, embedded store, demo data), the
 * Microsoft 365 Agents Playground as the Teams client, and headless Chromium driving its web UI.
 *
 *   const e2e = await E2E.start();               // bot + browser, once per test file
 *   const eli = await e2e.chatAs('eli');          // a Playground acting as Eli, its page open
 *   await eli.say('my roles');
 *   const card = await eli.expectCard('Your roles');
 *   await card.expectLine('Employee (no admin role)');
 *   await card.press('…');  /  await card.execute('Refresh');   // Action.Submit / Action.Execute
 *   await eli.shot('roles');                      // tests/e2e/artifacts/<test name>-roles.png
 *   await eli.openConversation('Benefits');       // a channel: messages must @mention the bot
 *   await eli.say('help', { mention: true });
 *   await e2e.stop();
 *
 * Selectors (found by loading the Playground 0.2.28 page in headless Chromium and reading its DOM):
 *  - a bot message = the element with a direct child holding the bot's avatar,
 *    `.fui-Avatar[aria-label="Partner Benefits"]` (chat bubbles and channel replies), or a
 *    channel post `.fui-Card[role=group]` whose `.fui-CardHeader` has that avatar;
 *  - a card = the outermost `.ac-adaptiveCard` in it; its buttons are `button`s named by title;
 *  - a chat message (either side) = the element whose child holds `[aria-label="Message header"]`;
 *  - the compose box = the last `role=textbox` (a Lexical contenteditable) in a chat, the one
 *    beside the "Start a new post" placeholder in a channel; Enter sends; typing `@` opens a
 *    `menuitem` list to mention the bot;
 *  - sidebar = `role=region` "Chat and Teams Channel", conversations are its `treeitem`s;
 *  - after an `Action.Execute` the Playground swaps the card and shows, inside the bubble,
 *    `[aria-label="Display Invoked Message"]`: "Your response was sent to the app" (card
 *    response), the bot's text (message response) or the error text (error response).
 * Never match text page-wide: the Log Panel and the sidebar repeat message text.
 */

export const ROOT = resolve(__dirname, '..', '..');
export const ARTIFACTS_DIR = join(__dirname, 'artifacts');
export const SEED_FILE = join(ROOT, 'data', 'demo.json');
export const BOT_NAME = PLAYGROUND_BOT.name;
/** Shown by the Playground in the bubble when an Action.Execute returned a card. */
export const CARD_REPLACED_NOTICE = 'Your response was sent to the app';

const DEFAULT_TIMEOUT_MS = 15_000;

/** The bot's avatar: on each of its chat messages, channel replies and channel posts. */
const BOT_AVATAR = `.fui-Avatar[aria-label="${BOT_NAME}"]`;
/**
 * A message from the bot, in a chat (the row holding its avatar and body; the author and time
 * header is a sibling), a channel reply (same shape), or a channel post the bot started. Not in
 * the sidebar (`role=region`), and not a post's header row.
 */
const BOT_MESSAGE = [
  `div:not(.fui-CardHeader__header):not([role="region"] *):has(> div > ${BOT_AVATAR})`,
  `.fui-Card[role="group"]:has(> .fui-CardHeader ${BOT_AVATAR})`,
].join(', ');
/** Any chat message, the user's or the bot's (chat view only; channels have no such header). */
const CHAT_MESSAGE = 'div:has(> div > [aria-label="Message header"])';
/** A card's outermost element (not the inline cards of Action.ShowCard). */
const TOP_CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';
/** The notice the Playground shows in a bubble after an Action.Execute. */
const INVOKE_NOTICE = '[aria-label="Display Invoked Message"]';
/** Set on the bot messages already on screen when the person last sent something. */
const SEEN_ATTR = 'data-e2e-seen';
/** Pins a message found by a wait, so later steps address the same element. */
const PIN_ATTR = 'data-e2e-pin';

/* ------------------------------------------------------------------ processes */

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

export interface LocalBot {
  app: App;
  /** http://127.0.0.1:<port>/api/messages */
  endpoint: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real bot, in this process, in local mode on free ports with a fresh data directory. */
export async function startLocalBot(): Promise<LocalBot> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pbb-e2e-bot-'));
  const app = await createApp(
    loadConfig({
      PORT: '0',
      LOCAL_COSMOS_PORT: '0',
      LOCAL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_FILE: SEED_FILE,
    }),
  );
  const address = await app.listen();
  return {
    app,
    endpoint: `http://127.0.0.1:${address.port}/api/messages`,
    dataDir,
    async stop() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let peopleCache: Promise<DemoPerson[]> | undefined;
/** The demo identities (data/demo.json); keys are lower-cased first names: avery, bo, casey, dana, eli, fang, gale. */
export function people(): Promise<DemoPerson[]> {
  peopleCache ??= demoPeople(SEED_FILE);
  return peopleCache;
}

export async function person(key: string): Promise<DemoPerson> {
  const all = await people();
  const found = all.find((p) => p.key === key.toLowerCase());
  if (!found) throw new Error(`unknown person "${key}"; choose one of: ${all.map((p) => p.key).join(', ')}`);
  return found;
}

export interface PlaygroundAs {
  url: string;
  person: DemoPerson;
  /** The personal chat's conversation id in this Playground. */
  personalChatId: string;
  stop(): Promise<void>;
}

/** The Agents Playground acting as `key` (e.g. 'eli') against the bot at `botEndpoint`, on a free port. */
export async function startPlaygroundAs(key: string, botEndpoint: string): Promise<PlaygroundAs> {
  const me = await person(key);
  const config = playgroundConfig(await people(), me.key);
  const workDir = await mkdtemp(join(tmpdir(), `pbb-e2e-playground-${me.key}-`));
  let lastError: unknown;
  // A free port can be taken between the probe and the Playground's listen: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const running = await startPlayground({ botEndpoint, port: await freePort(), workDir, config });
      return {
        url: running.url,
        person: me,
        personalChatId: (config.personalChat as { id: string }).id,
        async stop() {
          await running.stop();
          await rm(workDir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      lastError = err;
    }
  }
  await rm(workDir, { recursive: true, force: true });
  throw lastError;
}

/**
 * Sends a message to the bot AS `from` through the Playground's HTTP surface (no browser), into
 * `conversationId` (default: this Playground's personal chat). Replies show in that Playground's
 * UI. Use it when a journey needs a second person for one step only.
 */
export async function postMessageAs(
  playground: PlaygroundAs,
  from: DemoPerson,
  message: { text?: string; value?: unknown },
  conversationId = playground.personalChatId,
): Promise<void> {
  const query = new URLSearchParams({ conversationId });
  const templateRes = await fetch(
    `${playground.url}/_internal/v1/customActivities/template?${query.toString()}`,
  );
  if (!templateRes.ok)
    throw new Error(`customActivities template: ${templateRes.status} ${await templateRes.text()}`);
  const template = (await templateRes.json()) as Record<string, unknown>;
  const activity = {
    ...template,
    type: 'message',
    id: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    timestamp: new Date().toISOString(),
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    ...message,
  };
  const res = await fetch(`${playground.url}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (!res.ok) throw new Error(`customActivities: ${res.status} ${await res.text()}`);
}

/* ------------------------------------------------------------------ browser */

/** The current jest test name as a file-name friendly slug ('journey' outside a test). */
export function currentTestSlug(): string {
  const name = (
    globalThis as { expect?: { getState?: () => { currentTestName?: string } } }
  ).expect?.getState?.().currentTestName;
  return slug(name ?? 'journey');
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'x'
  );
}

async function waitFor<T>(
  what: () => string,
  probe: () => Promise<T | undefined>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const contains = (haystack: string, needle: string | RegExp) =>
  typeof needle === 'string' ? normalise(haystack).includes(normalise(needle)) : needle.test(haystack);
/** A text block's words without a leading bullet or emoji marker ("• ", "✅ "). */
const stripMarker = (s: string) => normalise(s).replace(/^(?:[•·\-–*✅❌🔹\s]|⚠️|☑️|▪️)+/u, '');

/* ------------------------------------------------------------------ chat */

/** One Adaptive Card as rendered in a chat bubble. */
export class Card {
  constructor(
    readonly chat: Chat,
    /** The message bubble holding the card. */
    readonly bubble: Locator,
    /** The card's outermost `.ac-adaptiveCard` element. */
    readonly root: Locator,
  ) {}

  async text(): Promise<string> {
    return normalise(await this.root.innerText());
  }

  /** Every TextBlock / RichTextBlock of the card, whitespace folded, bullets and emoji markers dropped. */
  async lines(): Promise<string[]> {
    const texts = await this.root.locator('.ac-textBlock, .ac-richTextBlock').allInnerTexts();
    return texts.map(stripMarker).filter(Boolean);
  }

  /** Titles of the card's buttons (actions), in order. */
  async buttons(): Promise<string[]> {
    const titles = await this.root
      .locator('.ac-actionSet button, .ac-pushButton')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    return [...new Set(titles.map(normalise).filter(Boolean))];
  }

  /** The card contains `text` (substring of its visible text, whitespace folded). */
  async expectText(text: string | RegExp): Promise<void> {
    const all = await this.text();
    if (!contains(all, text)) await this.fail(`the card does not show ${String(text)}; it shows:\n${all}`);
  }

  async expectNoText(text: string | RegExp): Promise<void> {
    const all = await this.text();
    if (contains(all, text))
      await this.fail(`the card shows ${String(text)} but should not; it shows:\n${all}`);
  }

  /** Some text block of the card reads exactly `line` (after dropping a bullet/emoji marker). */
  async expectLine(line: string): Promise<void> {
    const lines = await this.lines();
    if (!lines.includes(normalise(line)))
      await this.fail(`no line of the card reads "${line}"; lines:\n  ${lines.join('\n  ')}`);
  }

  async expectNoLine(line: string): Promise<void> {
    const lines = await this.lines();
    if (lines.includes(normalise(line))) await this.fail(`a line of the card reads "${line}" but should not`);
  }

  async expectButtons(titles: string[]): Promise<void> {
    const have = await this.buttons();
    const missing = titles.filter((t) => !have.includes(t));
    if (missing.length)
      await this.fail(`the card lacks button(s) ${missing.join(', ')}; it has: ${have.join(', ')}`);
  }

  async expectNoButton(title: string): Promise<void> {
    const have = await this.buttons();
    if (have.includes(title)) await this.fail(`the card shows a "${title}" button but should not`);
  }

  button(title: string): Locator {
    return this.root.getByRole('button', { name: title, exact: true });
  }

  /**
   * Presses a button that sends something to the bot as a new turn (Action.Submit, or a
   * message-back): afterwards `chat.expectReply` / `chat.expectCard` wait for replies after it.
   */
  async press(title: string): Promise<void> {
    await this.chat.markTurn();
    await this.button(title).click();
  }

  /**
   * Presses an Action.Execute button and waits until the Playground replaced this card with the
   * bot's answer. Returns the new card. Fails if the bot answered with a message or an error
   * instead of a card (the notice's text is in the error).
   */
  async execute(title: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Card> {
    const notice = await this.executeForNotice(title, timeoutMs);
    if (notice !== CARD_REPLACED_NOTICE)
      await this.fail(`pressing "${title}" did not return a card; the Playground shows: "${notice}"`);
    return new Card(this.chat, this.bubble, this.bubble.locator(TOP_CARD).first());
  }

  /**
   * `execute` for a button title that several sections of the card share (each package's "Cancel
   * this package"): the one in the innermost container that also shows `heading`.
   */
  async executeIn(heading: string, title: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Card> {
    const section = this.root
      .locator('.ac-container')
      .filter({ hasText: heading })
      .filter({ has: this.root.page().getByRole('button', { name: title, exact: true }) })
      .last();
    const notice = await this.executeForNotice(
      title,
      timeoutMs,
      section.getByRole('button', { name: title, exact: true }),
    );
    if (notice !== CARD_REPLACED_NOTICE)
      await this.fail(`pressing "${title}" did not return a card; the Playground shows: "${notice}"`);
    return new Card(this.chat, this.bubble, this.bubble.locator(TOP_CARD).first());
  }

  /**
   * Presses an Action.Execute button and returns the notice the Playground then shows under the
   * card: CARD_REPLACED_NOTICE when the bot returned a card (which replaced this one), the bot's
   * text for a message response, or the error text for an error response.
   */
  async executeForNotice(
    title: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    button: Locator = this.button(title),
  ): Promise<string> {
    const notice = this.bubble.locator(INVOKE_NOTICE);
    // A notice from an earlier press would look like this press's answer: dismiss it first.
    if ((await notice.count()) > 0) {
      await notice.getByRole('button', { name: 'Dismiss Invoke Message' }).click();
      await notice.waitFor({ state: 'detached' });
    }
    await button.click();
    await this.chat.withFailureShot(`execute-${title}`, () =>
      notice.waitFor({ state: 'visible', timeout: timeoutMs }),
    );
    return normalise(await notice.innerText());
  }

  /** Throws `message` with a screenshot of the page (path in the message). */
  async fail(message: string): Promise<never> {
    return this.chat.withFailureShot('card', () => Promise.reject(new Error(message)));
  }

  /** Number of cards in this card's bubble (a replaced card must not leave a second one). */
  cardsInBubble(): Promise<number> {
    return this.bubble.locator(TOP_CARD).count();
  }

  /** A PNG of just this card: tests/e2e/artifacts/<journey>-<step>.png. */
  async shot(step: string): Promise<string> {
    const file = await artifactPath(step);
    await this.root.screenshot({ path: file });
    report(file);
    return file;
  }
}

function report(file: string): void {
  process.stdout.write(`screenshot: ${relative(ROOT, file)}\n`);
}

async function artifactPath(step: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${currentTestSlug()}-${slug(step)}.png`);
}

/** The Playground's window as one person sees it: the personal chat, the group chat or a channel. */
export class Chat {
  /** What the last wait saw, for its timeout message. */
  private lastSeen = 'none';

  constructor(
    readonly page: Page,
    readonly playground: PlaygroundAs,
  ) {}

  get person(): DemoPerson {
    return this.playground.person;
  }

  /** Opens the Playground's page (the personal chat) and waits until the compose box is there. */
  static async open(browser: Browser, playground: PlaygroundAs, timeoutMs = 60_000): Promise<Chat> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    await keepOffline(context);
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    const chat = new Chat(page, playground);
    await page.goto(playground.url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    // The 9 MB client takes several seconds to start on a small machine.
    await page.getByRole('textbox').last().waitFor({ state: 'visible', timeout: timeoutMs });
    await page.getByRole('button', { name: 'Send Message' }).waitFor({ timeout: timeoutMs });
    await chat.markTurn();
    return chat;
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }

  /**
   * Switches to a conversation in the sidebar: 'Personal Chat', 'Partner programme' (the group
   * chat), or a channel by its name ('General', 'Benefits').
   */
  async openConversation(name: string): Promise<void> {
    const sidebar = this.page.getByRole('region', { name: 'Chat and Teams Channel' });
    const item = sidebar.getByRole('treeitem', { name, exact: true });
    const channel = sidebar.getByRole('treeitem', { name: new RegExp(` - ${escapeRegExp(name)}$`) });
    await ((await item.count()) > 0 ? item : channel).first().click();
    await this.page.getByRole('textbox').first().waitFor({ state: 'visible' });
    await this.markTurn();
  }

  /**
   * Where `say` types: in a channel the "Start a new post" box, in a chat the message box.
   * (Each channel thread has its own reply box: see `replyInThread`.)
   */
  composeBox(): Locator {
    const newPost = this.page.locator(
      'div:has(> [role="textbox"]):has(> :text-is("Start a new post")) > [role="textbox"]',
    );
    return newPost.or(this.page.getByRole('textbox').last()).first();
  }

  /** Every chat message bubble (user's and bot's); chat view only. */
  messages(): Locator {
    return this.page.locator(CHAT_MESSAGE);
  }

  /** The bot's messages on screen (chat bubbles, channel posts and replies), in page order. */
  botMessages(): Locator {
    return this.page.locator(BOT_MESSAGE);
  }

  /** Bot messages that appeared since the person last sent something (or since `markTurn`). */
  newBotMessages(): Locator {
    return this.page.locator(
      BOT_MESSAGE.split(', ')
        .map((sel) => `${sel}:not([${SEEN_ATTR}])`)
        .join(', '),
    );
  }

  /**
   * Remember what is on screen now: expectReply/expectCard look only at bot messages that appear
   * after this. `say` and `Card.press` call it; call it yourself before a proactive message.
   */
  async markTurn(): Promise<void> {
    await this.botMessages().evaluateAll(
      (els, attr) => els.forEach((el) => el.setAttribute(attr, '')),
      SEEN_ATTR,
    );
  }

  /**
   * Sends `text` as this person: types into the compose box (Enter sends). With `mention`, it
   * first @mentions the bot (a channel or the group chat only delivers messages that do).
   */
  async say(text: string, options: { mention?: boolean } = {}): Promise<void> {
    await this.typeAndSend(this.composeBox(), text, options.mention ?? false);
  }

  /** Replies in the channel thread whose post contains `postText`. */
  async replyInThread(
    postText: string | RegExp,
    text: string,
    options: { mention?: boolean } = {},
  ): Promise<void> {
    const thread = this.page.locator('.fui-Card[role="group"]').filter({ hasText: postText }).last();
    await this.typeAndSend(thread.getByRole('textbox').last(), text, options.mention ?? false);
  }

  private async typeAndSend(box: Locator, text: string, mention: boolean): Promise<void> {
    await this.withFailureShot('send', () => this.typeAndSendNow(box, text, mention));
  }

  private async typeAndSendNow(box: Locator, text: string, mention: boolean): Promise<void> {
    await this.markTurn();
    await box.click();
    if (mention) {
      await this.page.keyboard.type('@');
      await this.page.getByRole('menuitem').filter({ hasText: BOT_NAME }).first().click();
      await this.page.keyboard.insertText(' ');
    }
    await this.page.keyboard.insertText(text);
    await this.page.keyboard.press('Enter');
  }

  /** Waits for a new bot message whose body contains `text`; returns it. */
  async expectReply(text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Locator> {
    const fresh = this.newBotMessages();
    return this.withFailureShot('reply', () =>
      waitFor(
        () => `a new message from ${BOT_NAME} containing ${String(text)} (new messages: ${this.lastSeen})`,
        async () => {
          const seen: string[] = [];
          const n = await fresh.count();
          for (let i = 0; i < n; i++) {
            const body = normalise(await fresh.nth(i).innerText());
            seen.push(body);
            if (contains(body, text)) return pin(this.page, fresh.nth(i));
          }
          this.lastSeen = describe(seen);
          return undefined;
        },
        timeoutMs,
      ),
    );
  }

  /** Waits for a new bot message holding an Adaptive Card whose text contains `text`. */
  async expectCard(text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Card> {
    const fresh = this.newBotMessages();
    return this.withFailureShot('card', () =>
      waitFor(
        () => `a new card from ${BOT_NAME} containing ${String(text)} (new messages: ${this.lastSeen})`,
        async () => {
          const seen: string[] = [];
          const n = await fresh.count();
          for (let i = 0; i < n; i++) {
            const message = fresh.nth(i);
            const cards = message.locator(TOP_CARD);
            const count = await cards.count();
            if (count === 0) seen.push(normalise(await message.innerText()));
            for (let c = 0; c < count; c++) {
              const cardText = normalise(await cards.nth(c).innerText());
              seen.push(`[card] ${cardText}`);
              if (contains(cardText, text)) {
                const bubble = await pin(this.page, message);
                return new Card(this, bubble, bubble.locator(TOP_CARD).nth(c));
              }
            }
          }
          this.lastSeen = describe(seen);
          return undefined;
        },
        timeoutMs,
      ),
    );
  }

  /** Asserts that the bot sends nothing new for `ms` milliseconds (e.g. to a channel message without @mention). */
  async expectNoReply(ms = 3000): Promise<void> {
    await this.page.waitForTimeout(ms);
    const n = await this.newBotMessages().count();
    if (n > 0) {
      const texts = await this.newBotMessages().allInnerTexts();
      await this.withFailureShot('no-reply', () =>
        Promise.reject(new Error(`expected no reply, got ${n}: ${describe(texts.map(normalise))}`)),
      );
    }
  }

  /** On a failure: a screenshot named <journey>-failed-<what>.png, its path added to the error. */
  async withFailureShot<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const file = await this.shot(`failed-${what}`).catch(() => undefined);
      if (err instanceof Error && file) err.message += `\nscreenshot: ${relative(ROOT, file)}`;
      throw err;
    }
  }

  /**
   * Screenshot of the window with the bot's newest message in view (the window is made taller
   * for a long card): tests/e2e/artifacts/<journey>-<step>.png. Returns the path.
   */
  async shot(step: string): Promise<string> {
    const file = await artifactPath(step);
    const viewport = this.page.viewportSize() ?? { width: 1400, height: 1000 };
    const fresh = this.newBotMessages();
    const newest = (await fresh.count()) > 0 ? fresh.last() : this.botMessages().last();
    let resized = false;
    if ((await newest.count()) > 0) {
      const box = await newest.boundingBox();
      // The chat pane is the window less ~220 px of header and compose box.
      if (box && box.height > viewport.height - 260) {
        await this.page.setViewportSize({
          width: viewport.width,
          height: Math.min(4000, Math.ceil(box.height) + 300),
        });
        resized = true;
      }
      // Centred in the chat pane: a message that fits is then wholly in view.
      await newest.evaluate((el) => el.scrollIntoView({ block: 'center' })).catch(() => undefined);
    }
    await this.page.screenshot({ path: file });
    if (resized) await this.page.setViewportSize(viewport);
    report(file);
    return file;
  }
}

let pinned = 0;

/**
 * A stable locator for one message element (by a data attribute set on it now): `nth(i)` of
 * "new messages" would point elsewhere once the person sends something else.
 */
async function pin(page: Page, message: Locator): Promise<Locator> {
  const id = `m${++pinned}`;
  await message.evaluate((el, [attr, value]) => el.setAttribute(attr, value), [PIN_ATTR, id] as const);
  return page.locator(`[${PIN_ATTR}="${id}"]`);
}

function describe(texts: string[]): string {
  return texts.length ? texts.map((t) => JSON.stringify(t.slice(0, 200))).join(' | ') : 'none';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/* ------------------------------------------------------------------ session */

/**
 * One bot and one browser for a test file; a Playground + page per person, started on first use
 * and kept (the bot's store holds the state, so people see each other's effects).
 */
export class E2E {
  private readonly chats = new Map<string, Chat>();

  private constructor(
    readonly bot: LocalBot,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<E2E> {
    const browser = await launchBrowser();
    try {
      return new E2E(await startLocalBot(), browser);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  /** The chat as `key` sees it (a Playground acting as that person, its page open). */
  async chatAs(key: string): Promise<Chat> {
    const existing = this.chats.get(key.toLowerCase());
    if (existing) return existing;
    const playground = await startPlaygroundAs(key, this.bot.endpoint);
    try {
      const chat = await Chat.open(this.browser, playground);
      this.chats.set(key.toLowerCase(), chat);
      return chat;
    } catch (err) {
      await playground.stop();
      throw err;
    }
  }

  /** Stops `key`'s Playground and closes its page (next `chatAs` starts a fresh one). */
  async leave(key: string): Promise<void> {
    const chat = this.chats.get(key.toLowerCase());
    if (!chat) return;
    this.chats.delete(key.toLowerCase());
    await chat.close().catch(() => undefined);
    await chat.playground.stop();
  }

  async stop(): Promise<void> {
    for (const key of [...this.chats.keys()]) await this.leave(key);
    await this.browser.close().catch(() => undefined);
    await this.bot.stop();
  }
}
