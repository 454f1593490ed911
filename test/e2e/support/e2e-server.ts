// Shared set-up of the browser tests: the console built from the current sources into a folder
// of this test file's own (test files run in parallel processes), a server on the SQLite
// database with the demo data, Chromium, and small helpers to call the API and keep screenshots.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { parseConfig } from '../../../src/server/config.ts';
import type { RunningServer } from '../../../src/server/main.ts';
import { startServer } from '../../../src/server/main.ts';
import { DEMO_PASSWORD } from '../../../src/server/demo/demo-users.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs the chromium package`);

export interface E2eServer {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  /** A new page at desktop width, Chinese locale. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the console (production mode, as it ships) and starts a demo server and Chromium. */
export async function startE2eServer(): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'));
  const consoleDir = join(dataDir, 'console');
  // NODE_ENV is "test" under Vitest; the console is tested as it ships, in production mode.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: consoleDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: join(dataDir, 'e2e.db'), LOG_LEVEL: 'silent' });
  const server = await startServer(config, { consoleDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    browser,
    dataDir,
    newPage: (viewport = { width: 1280, height: 900 }) => browser.newPage({ viewport, locale: 'zh-CN', acceptDownloads: true }),
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Signs in through the API (no second factor) and returns the bearer token. */
export async function loginToken(serverUrl: string, login: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(new URL('/api/auth/login', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`login ${login} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function apiAs(serverUrl: string, token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiAnswer> {
  const response = await fetch(new URL(path, serverUrl), {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}

/** Signs in through the console's form (demo users have no second factor) and waits for the layout. */
export async function signIn(page: Page, serverUrl: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(new URL('/console/', serverUrl).href);
  const signedIn = page.getByRole('button', { name: /退\s*出/ });
  const loginField = page.getByLabel('登录名');
  // The console first asks the server who is signed in: wait for either screen.
  await Promise.race([loginField.waitFor(), signedIn.waitFor()]);
  if (await signedIn.isVisible()) {
    await signedIn.click();
    await loginField.waitFor();
  }
  await loginField.fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** The date in China `daysAgo` calendar days before today, as the server counts it. */
export function chinaDate(daysAgo: number): string {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - daysAgo)).toISOString().slice(0, 10);
}

/** Types a date into an antd DatePicker found by its label and confirms it. */
export async function fillDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
