// What every browser test needs: its own `langnghe serve --demo` on 127.0.0.1 with a temporary
// database, Debian's Chromium through playwright-core, axe-core, and an artifacts folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceDir = path.resolve(here, '../..');
const require = createRequire(path.join(sourceDir, 'package.json'));
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };
export const PASSWORD = 'langnghe-demo';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`langnghe exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch (e) { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('langnghe did not become ready in time');
}

// `args`: more `serve` flags (e.g. ['--time-zone', 'Europe/Paris']).
export async function startServer({ args = [] } = {}) {
  const bin = process.env.LANGNGHE_BIN || path.join(sourceDir, 'build/langnghe');
  const webRoot = process.env.LANGNGHE_WEB_ROOT || path.join(sourceDir, 'web');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'langnghe-web-'));
  const port = await freePort();
  const log = fs.openSync(path.join(dir, 'server.log'), 'w');
  const child = spawn(bin, ['serve', '--demo', '--listen', `127.0.0.1:${port}`, '--web-root', webRoot,
    '--db', `sqlite:${path.join(dir, 'langnghe.db')}`, '--drain-seconds', '0', ...args], {
    env: { ...process.env, LANGNGHE_TEST_HOOKS: '1' }, stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, Date.now() + 30000);
  return {
    url, dir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000); });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  // launch() gives every run a fresh, temporary user-data-dir of its own.
  return chromium.launch({
    executablePath: process.env.LANGNGHE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export function artifactsDir() {
  const dir = process.env.LANGNGHE_WEB_ARTIFACTS || path.join(sourceDir, 'build/web-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// A page that fails the test on any script error and knows when the app has drawn a page.
export async function newPage(browser, base, { viewport = DESKTOP, lang = 'vi' } = {}) {
  const context = await browser.newContext({ viewport, baseURL: base, locale: lang === 'vi' ? 'vi-VN' : 'en-GB', acceptDownloads: true });
  // The language the test starts in; a choice made on the page later survives reloads.
  await context.addInitScript((l) => {
    try { if (!localStorage.getItem('langnghe.lang')) localStorage.setItem('langnghe.lang', l); } catch (e) { /* */ }
  }, lang);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.errors.push(m.text());
  });
  page.on('dialog', (d) => d.accept());
  return page;
}

export async function settled(page) {
  await page.waitForSelector('body[data-busy="false"]', { timeout: 30000 });
}

// What each role saw when a test failed, saved beside the other artifacts for whoever reads the
// test log: <name>-failure-<i>.png for each page.
export async function screenshotFailures(pages, name) {
  for (const [i, p] of pages.entries()) {
    const file = path.join(artifactsDir(), `${name}-failure-${i}.png`);
    await p.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`screenshot of context ${i} (${p.url()}): ${file}`);
  }
}

// Whether `locator` shows within a few seconds. A page draws after its data arrives, so a check
// made the moment the previous page was "settled" can come before the drawing; waiting for the
// thing itself makes the check mean what it says on a loaded machine.
export async function shows(locator, timeout = 10000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
    return true;
  } catch {
    return false;
  }
}

// Whether `locator` matches exactly `n` elements within a few seconds: for the same reason as
// shows(), a count taken the moment a page settled can be of the page before it was drawn.
export async function counted(locator, n, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if ((await locator.count()) === n) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function go(page, hash) {
  if (new URL(page.url()).hash === `#${hash}`) await page.reload();
  else await page.goto(`/#${hash}`);
  await settled(page);
}

// A child signs in with their personal code and lands on their page.
export async function signInPupil(page, code) {
  await go(page, '/pupil-sign-in');
  await page.locator('main input').first().fill(code);
  await page.locator('main form button[type=submit]').click();
  await page.waitForFunction(() => location.hash === '#/pupil');
  await settled(page);
}

// The API straight from the test (for setting up what the pages then show): call(method, url,
// token?, body?) → the JSON answer, throwing on any error status.
export function apiCaller(base) {
  return async function call(method, url, token, body) {
    const response = await fetch(`${base}/api/v1${url}`, {
      method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = response.status === 204 ? null : await response.json();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(data)}`);
    return data;
  };
}

// The Youth Union writes the children's feedback for all ages on a recommendation's page.
export async function writeFeedback(page, feedback) {
  const all = page.locator('fieldset[data-band="all"]');
  await all.getByLabel('Em đã nói').fill(feedback.you_said);
  await all.getByLabel('Người lớn đã làm').fill(feedback.we_did);
  await all.getByLabel('Vì sao').fill(feedback.why);
  await all.getByLabel('Tiếp theo').fill(feedback.what_next);
  await page.getByRole('button', { name: 'Lưu phản hồi' }).click();
}

export async function signInAdult(page, username) {
  await go(page, '/sign-in');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(PASSWORD);
  await page.locator('main form button[type=submit]').click();
  await page.waitForFunction(() => !location.hash.startsWith('#/sign-in'));
  await settled(page);
}

// axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; returns the violations.
export async function axe(page) {
  // Evaluated over the DevTools protocol: the page's Content-Security-Policy stays as it is.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
