import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { HUB, ROOT } from './e2e-kit';

/**
 * The browser of the web app's specs: Debian's Chromium driven by playwright-core, a fresh profile
 * per user at 1440×900 in Chinese, every uncaught page error collected (a spec fails on any), and
 * screenshots in .cache/screenshots or E2E_SCREENSHOT_DIR (`docs/screenshots` refreshes the README's).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, process.env.E2E_SCREENSHOT_DIR ?? join('.cache', 'screenshots'));

export class WebKit {
  private browser: Browser | undefined;
  private readonly contexts: BrowserContext[] = [];
  /** Uncaught exceptions in any page, `url: message`. */
  readonly pageErrors: string[] = [];

  async launch(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: the web tests drive Debian's chromium (apt-get install -y chromium; ` +
          'tools/test.sh e2e installs it), or set CHROMIUM_PATH',
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // As root and on a machine whose only network is loopback: no sandbox, no background traffic.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
  }

  /** A fresh browser profile (its own sessionStorage) at 1440×900, in Chinese. */
  async newPage(): Promise<Page> {
    const context = await this.browser!.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => this.pageErrors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  /** Signs a demo account in on the login page; resolves on the account's start page. */
  async login(username: string): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${HUB}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('hub-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('whoami').waitFor();
    return page;
  }
}

/**
 * Waits until the page's requests settle: none in flight and none started for `quietMs` (at most
 * `maxMs`). Not Playwright's `networkidle`: the app's live event stream (`/api/v1/events`) stays
 * open as long as the page, so the network is never idle.
 */
export async function settle(page: Page, quietMs = 500, maxMs = 10000): Promise<void> {
  const inflight = new Set<Request>();
  let lastChange = Date.now();
  const started = (r: Request) => {
    if (new URL(r.url()).pathname === '/api/v1/events') return;
    inflight.add(r);
    lastChange = Date.now();
  };
  const ended = (r: Request) => {
    if (inflight.delete(r)) lastChange = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await page.waitForLoadState('load').catch(() => undefined);
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline && (inflight.size > 0 || Date.now() - lastChange < quietMs)) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/** A screenshot of the page once its requests settle, as `<name>.png` in {@link SHOTS}. */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The antd message that confirms a step. */
export async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor();
}
