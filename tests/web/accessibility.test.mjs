// axe-core (WCAG 2.1 A and AA) on every page built so far, in Vietnamese and in English, on a
// 360×640 phone and a 1280×800 desktop: zero violations. Every page is also saved as a
// screenshot under the build folder (build/web-artifacts/screens/).
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, signInAdult, axe, artifactsDir, check, PHONE, DESKTOP, PASSWORD } from './support.mjs';

const server = await startServer();

// Data for the pages to show: ideas in the normal and priority queues, a safeguarding case,
// a young pupil (7–10) who has not consented yet.
async function call(method, url, token, body) {
  const response = await fetch(`${server.url}/api/v1${url}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}
const pupilToken = (await call('POST', '/pupils/sign-in', null, { code: 'meo-xanh-2024' })).token;
await call('POST', '/submissions', pupilToken, { kind: 'idea', text: 'Em muốn sân trường mở cửa vào cuối tuần để chúng em đá bóng.', topic: 'sân chơi' });
const priority = await call('POST', '/submissions', pupilToken, { kind: 'recommendation', text: 'Gọi cho em số 0912345678 nhé, em muốn có thêm đèn ở hẻm.' });
await call('POST', '/submissions', pupilToken, { kind: 'opinion', text: 'Bố em hay đánh em đau lắm' });
await call('POST', '/me/deletion-request', (await call('POST', '/pupils/sign-in', null, { code: 'caheo-vang-2025' })).token, { details: 'Xoá hết giúp em.' });
const young = new Date();
young.setUTCFullYear(young.getUTCFullYear() - 9);
const youngCode = (await call('POST', '/pupils/join', null, { code: 'DEMO6A', pseudonym: 'Thỏ Hồng', birth_date: `${young.getUTCFullYear()}-01-10` })).sign_in_code;
const consultationId = (await call('GET', '/consultations', pupilToken)).items[0].id;
const adminToken = (await call('POST', '/auth/login', null, { username: 'admin', password: PASSWORD })).token;
// A 7–10 pupil with both consents, to see the consultation one question per screen.
const ready = await call('POST', '/pupils/join', null, { code: 'DEMO6A', pseudonym: 'Gấu Trúc', birth_date: `${young.getUTCFullYear()}-02-10` });
await call('POST', '/me/consents', ready.token, { text_version: (await call('GET', '/me/consent-text', ready.token)).version });
await call('POST', `/pupils/${ready.pupil.id}/consents`, adminToken, { kind: 'guardian', slip_number: 'A11Y-1' });
const demoClass = (await call('GET', '/classes', adminToken)).items.find((k) => k.name === '6A').id;
const caseId = (await call('GET', '/safeguarding/cases', (await call('POST', '/auth/login', null, { username: 'safeguarding', password: PASSWORD })).token)).items[0].id;

const showText = async (page) => {
  const toggle = page.getByRole('button', { name: /Hiện nội dung|Show the text/ });
  if (await toggle.count()) await toggle.click();
};

// role → how to sign in, and its pages: [name, route, prepare?]
// facilitator-print: the join-code cards as the printer sees them (print.css).
const ROLES = [
  { role: 'public', signIn: null, pages: [['home', '/'], ['help', '/help'], ['join', '/join'], ['pupil-sign-in', '/pupil-sign-in'], ['sign-in', '/sign-in'], ['guardian', '/guardian']] },
  { role: 'pupil', signIn: { pupil: 'meo-xanh-2024' }, pages: [
    ['home', '/pupil'], ['consent', '/pupil/consent'], ['consultation', `/pupil/consultations/${consultationId}`],
    ['idea', '/pupil/idea'], ['ideas', '/pupil/ideas'], ['data', '/pupil/data'], ['help', '/help'],
    ['menu-open', '/pupil', async (page) => {
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) await menu.click();
    }]] },
  { role: 'pupil-7-10-no-consent', signIn: { pupil: youngCode }, pages: [
    ['home', '/pupil'], ['consent', '/pupil/consent'], ['consultation', `/pupil/consultations/${consultationId}`], ['idea', '/pupil/idea']] },
  { role: 'pupil-7-10', signIn: { pupil: ready.sign_in_code }, pages: [
    ['consultation', `/pupil/consultations/${consultationId}`],
    ['consultation-scale', `/pupil/consultations/${consultationId}`, async (page) => {
      await page.getByRole('button', { name: /Câu tiếp|Next/ }).click();
      await page.getByRole('button', { name: /Câu tiếp|Next/ }).click();
      await page.locator('.face').first().waitFor();
    }]] },
  { role: 'facilitator', signIn: { adult: 'facilitator' }, pages: [
    ['classes', '/classes'], ['class', `/classes/${demoClass}`], ['cards', `/classes/${demoClass}/cards`],
    ['paper', '/paper'], ['paper-batch', `/paper/${consultationId}`]] },
  { role: 'facilitator-print', signIn: { adult: 'facilitator' }, print: true, pages: [['cards', `/classes/${demoClass}/cards`]] },
  { role: 'moderator', signIn: { adult: 'moderator' }, pages: [
    ['queues', '/moderation'], ['queue-normal', '/moderation/queues/normal'], ['queue-priority', '/moderation/queues/priority'],
    ['item', `/moderation/items/${priority.id}`, async (page) => {
      await showText(page);
      await page.getByRole('button', { name: /Nhận xử lý|Claim/ }).click();
      await page.getByLabel(/Duyệt, che bớt|Approve with parts hidden/).check();
      await page.getByRole('button', { name: /0912345678/ }).click();
    }]] },
  { role: 'safeguarding', signIn: { adult: 'safeguarding' }, pages: [
    ['cases', '/safeguarding'], ['case', `/safeguarding/cases/${caseId}`, showText]] },
  { role: 'admin', signIn: { adult: 'admin' }, pages: [['admin', '/admin']] },
];

const shots = path.join(artifactsDir(), 'screens');
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const browser = await launchBrowser();
const failures = [];
let checked = 0;
try {
  for (const { role, signIn, pages, print } of ROLES) {
    for (const lang of ['vi', 'en']) {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await newPage(browser, server.url, { viewport, lang });
        if (signIn && signIn.adult) await signInAdult(page, signIn.adult);
        if (signIn && signIn.pupil) {
          await go(page, '/pupil-sign-in');
          await page.locator('main input').first().fill(signIn.pupil);
          await page.locator('main form button[type=submit]').click();
          await page.waitForFunction(() => location.hash === '#/pupil');
        }
        if (print) await page.emulateMedia({ media: 'print' });
        for (const [name, route, prepare] of pages) {
          await go(page, route);
          if (prepare) await prepare(page);
          const where = `${role}/${name} ${lang} ${viewport.width}×${viewport.height}`;
          if (print) {
            check(!(await page.locator('.site-header').isVisible()) && !(await page.locator('.actions').first().isVisible()),
              `${where}: printing leaves out the header and the buttons`);
            check((await page.locator('.join-card').count()) === 8 && await page.locator('.join-card .code').first().isVisible(),
              `${where}: eight cards with the join code are printed`);
          }
          check(await page.evaluate((l) => document.documentElement.lang === l, lang), `${where}: <html lang> follows the language`);
          const violations = await axe(page);
          checked += 1;
          for (const v of violations) failures.push(`${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(' ; ')}`);
          // Reflow (WCAG 1.4.10) on the phone; text at 200% (1.4.4) on the desktop: no sideways scrolling.
          const overflow = await page.evaluate((zoom) => {
            if (zoom) document.documentElement.style.fontSize = '200%';
            const wide = document.documentElement.scrollWidth - window.innerWidth;
            document.documentElement.style.fontSize = '';
            return wide;
          }, viewport.width > 1000);
          if (overflow > 1) failures.push(`${where}: the page scrolls sideways by ${overflow}px${viewport.width > 1000 ? ' with text at 200%' : ''}`);
          await page.screenshot({ path: path.join(shots, `${role}-${name}-${lang}-${viewport.width}x${viewport.height}.png`), fullPage: true });
          if (page.errors.length) failures.push(`${where}: script errors: ${page.errors.splice(0).join(' | ')}`);
          const missing = await page.evaluate(() => [...document.querySelectorAll('main *')].map((e) => e.childNodes)
            .flatMap((n) => [...n]).filter((n) => n.nodeType === 3 && /^([a-z_]+(\.[a-z0-9_]+)+|null|undefined|NaN|\[object Object\])$/.test(n.textContent.trim()))
            .map((n) => n.textContent.trim()));
          if (missing.length) failures.push(`${where}: untranslated keys shown: ${missing.join(', ')}`);
        }
        await page.context().close();
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`accessibility: ${checked} page views checked; screenshots in ${shots}`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
