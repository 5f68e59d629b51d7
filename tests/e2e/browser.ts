import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: npm browser downloads cannot reach the internet here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Only this machine resolves: nothing (Google services included) tries to reach out.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Headless Chromium. Fails loudly (never skips) when it cannot start. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new Error(
      `Cannot start headless Chromium at ${CHROMIUM_PATH}; the browser tests and the card gallery need it ` +
        `(Debian: apt-get install chromium fonts-noto-cjk fonts-noto-color-emoji). Cause: ${(err as Error).message}`,
    );
  }
}

/** Lets the page reach this machine only: CDN fonts and scripts fail fast instead of timing out. */
export async function keepOffline(target: Page | BrowserContext): Promise<void> {
  await target.route('**/*', (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    const local = hostname === 'localhost' || hostname === '127.0.0.1';
    return local || ['data:', 'blob:', 'about:'].includes(protocol) ? route.continue() : route.abort();
  });
}
