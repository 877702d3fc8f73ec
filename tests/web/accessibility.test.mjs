// axe-core (WCAG 2.1 A and AA) on every page of the app, in Vietnamese and in English, on a
// 360×640 phone and a 1280×800 desktop: zero violations. Every page is also saved as a
// screenshot under the build folder (build/web-artifacts/screens/).
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, axe, artifactsDir, check, PHONE, DESKTOP, PASSWORD, counted, shows } from './support.mjs';

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
const youngJoined = await call('POST', '/pupils/join', null, { code: 'DEMO6A', pseudonym: 'Thỏ Hồng', birth_date: `${young.getUTCFullYear()}-01-10` });
const youngCode = youngJoined.sign_in_code;
const consultationId = (await call('GET', '/consultations', pupilToken)).items[0].id;
const adminToken = (await call('POST', '/auth/login', null, { username: 'admin', password: PASSWORD })).token;
// A 7–10 pupil with both consents, to see the consultation one question per screen.
const ready = await call('POST', '/pupils/join', null, { code: 'DEMO6A', pseudonym: 'Gấu Trúc', birth_date: `${young.getUTCFullYear()}-02-10` });
await call('POST', '/me/consents', ready.token, { text_version: (await call('GET', '/me/consent-text', ready.token)).version });
await call('POST', `/pupils/${ready.pupil.id}/consents`, adminToken, { kind: 'guardian', slip_number: 'A11Y-1' });
const demoClass = (await call('GET', '/classes', adminToken)).items.find((k) => k.name === '6A').id;
// A guardian's slip code for the young pupil, for the guardian page naming the child.
const facilitatorToken = (await call('POST', '/auth/login', null, { username: 'facilitator', password: PASSWORD })).token;
const guardianCode = (await call('POST', `/pupils/${youngJoined.pupil.id}/guardian-codes`, facilitatorToken)).code;
const caseId = (await call('GET', '/safeguarding/cases', (await call('POST', '/auth/login', null, { username: 'safeguarding', password: PASSWORD })).token)).items[0].id;

// The Youth Union's and the officials' pages: one recommendation in each state, an approved idea
// gathered for a new one, the demo Council and its sessions.
const moderatorToken = (await call('POST', '/auth/login', null, { username: 'moderator', password: PASSWORD })).token;
const officialToken = (await call('POST', '/auth/login', null, { username: 'official', password: PASSWORD })).token;
const recs = (await call('GET', '/recommendations?limit=100', moderatorToken)).items;
const recIn = (status) => recs.find((r) => r.status === status && !r.overdue).id;
const toOfficial = (await call('GET', '/recommendations?limit=100', officialToken)).items;
const forwardedToOfficial = toOfficial.filter((r) => r.status === 'forwarded');
await call('POST', `/recommendations/${forwardedToOfficial[1].id}/acknowledge`, officialToken);
const approvedIdea = (await call('GET', '/moderation/queues/normal/items', moderatorToken)).items[0].id;
const { version } = await call('POST', `/moderation/items/${approvedIdea}/claim`, moderatorToken);
await call('POST', `/moderation/items/${approvedIdea}/decision`, moderatorToken, { decision: 'approve', version });
const council = await call('GET', `/councils/${(await call('GET', '/councils', moderatorToken)).items[0].id}`, moderatorToken);
const sessionIn = (status) => council.sessions.find((x) => x.status === status).id;
// The idea gathered for a new recommendation waits in the moderator's draft on the server.
await call('PUT', '/me/compile-draft', moderatorToken, { submission_ids: [approvedIdea] });
const gather = async (page) => {
  await page.locator('main .idea-text').first().waitFor();
};

const showText = async (page) => {
  const toggle = page.getByRole('button', { name: /Hiện nội dung|Show the text/ });
  if (await toggle.count()) await toggle.click();
};

// role → how to sign in, and its pages: [name, route, prepare?]
// facilitator-print: the join-code cards as the printer sees them (print.css).
const ROLES = [
  { role: 'public', signIn: null, pages: [['home', '/'], ['help', '/help'], ['join', '/join'], ['pupil-sign-in', '/pupil-sign-in'], ['sign-in', '/sign-in'], ['guardian', '/guardian'],
    ['guardian-child', '/guardian', async (page) => {
      await page.getByLabel(/Mã phụ huynh|Guardian code/).fill(guardianCode);
      await page.locator('main form button[type=submit]').click();
      await page.locator('.child-named').waitFor();
    }]] },
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
    ['paper', '/paper'], ['paper-batch', `/paper/${consultationId}`],
    ['guardian-slips', `/classes/${demoClass}/guardian-slips`, async (page) => {
      await page.locator('main .actions button').first().click();
      await page.locator('.guardian-slip').first().waitFor();
    }]] },
  { role: 'facilitator-print', signIn: { adult: 'facilitator' }, print: true, pages: [['cards', `/classes/${demoClass}/cards`]] },
  { role: 'moderator', signIn: { adult: 'moderator' }, pages: [
    ['queues', '/moderation'], ['queue-normal', '/moderation/queues/normal'], ['queue-priority', '/moderation/queues/priority'],
    ['item', `/moderation/items/${priority.id}`, async (page) => {
      await showText(page);
      await page.getByRole('button', { name: /Nhận xử lý|Claim/ }).click();
      await page.getByLabel(/Duyệt, che bớt|Approve with parts hidden/).check();
      await page.getByRole('button', { name: /0912345678/ }).click();
    }]] },
  { role: 'youth-union', signIn: { adult: 'moderator' }, pages: [
    ['board', '/recommendations'], ['compile', '/recommendations/new', gather],
    ['item-approved', `/moderation/items/${approvedIdea}`],
    ['rec-draft', `/recommendations/${recIn('draft')}`], ['rec-forwarded', `/recommendations/${recIn('forwarded')}`],
    ['rec-answered', `/recommendations/${recIn('answered')}`, async (page) => {
      const band = page.locator('details').first();
      if (await band.count()) await band.locator('summary').click();
    }],
    ['rec-reported-back', `/recommendations/${recIn('reported_back')}`], ['rec-closed', `/recommendations/${recIn('closed')}`],
    ['councils', '/councils'], ['council', `/councils/${council.id}`],
    ['session-planned', `/council-sessions/${sessionIn('planned')}`], ['session-held', `/council-sessions/${sessionIn('held')}`],
    ['session-minuted', `/council-sessions/${sessionIn('minuted')}`], ['events', '/events'], ['questions', '/questions']] },
  { role: 'official', signIn: { adult: 'official' }, pages: [
    ['inbox', '/official'], ['rec-forwarded', `/official/recommendations/${forwardedToOfficial[0].id}`],
    ['rec-acknowledged', `/official/recommendations/${forwardedToOfficial[1].id}`, async (page) => {
      await page.getByLabel(/Chuyển cơ quan khác|Referred to another authority/).check();
      await page.getByRole('button', { name: /Thêm một cam kết|Add another commitment/ }).click();
    }],
    ['rec-answered', `/official/recommendations/${toOfficial.find((r) => r.status === 'answered').id}`]] },
  { role: 'pupil-heard-back', signIn: { pupil: 'soc-nau-2026' }, pages: [['ideas', '/pupil/ideas'], ['notifications', '/pupil/notifications']] },
  { role: 'council-member', signIn: { pupil: 'caheo-vang-2025' }, pages: [
    ['council', '/pupil/council'], ['session', `/pupil/council-sessions/${sessionIn('minuted')}`]] },
  { role: 'safeguarding', signIn: { adult: 'safeguarding' }, pages: [
    ['cases', '/safeguarding'], ['case', `/safeguarding/cases/${caseId}`, showText]] },
  { role: 'admin', signIn: { adult: 'admin' }, pages: [['admin', '/admin'], ['board', '/recommendations'], ['events', '/events'],
    ['council', `/councils/${council.id}`, async (page) => {
      await page.waitForFunction(() => [...document.querySelectorAll('main select option')].some((o) => o.value.startsWith('pup_')));
    }]] },
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
            check(await counted(page.locator('.join-card'), 8) && await page.locator('.join-card .code').first().isVisible(),
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
  // The public tracker and the printable report are pages of their own, in Vietnamese and in
  // English: the tracker follows the reader's saved choice (and ?lang=), the report ?lang=.
  const ward = (await call('GET', '/units?limit=200', moderatorToken)).items.find((u) => u.name === 'Phường 9').id;
  const year = new Date().getFullYear();
  const HEADINGS = {
    tracker: { vi: 'Kiến nghị của trẻ em và câu trả lời', en: "Children's recommendations and the answers" },
    report: { vi: `Báo cáo năm ${year}`, en: `Yearly report ${year}` },
  };
  for (const lang of ['vi', 'en']) {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(browser, server.url, { viewport, lang });
      await signInAdult(page, 'moderator');
      for (const [name, url] of [['tracker', `/tracker.html?unit=${ward}`], ['report', `/api/v1/units/${ward}/reports?period=${year}&format=html&lang=${lang}`]]) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        if (name === 'tracker') await page.waitForSelector('body[data-busy="false"]');
        const where = `${name} ${lang} ${viewport.width}×${viewport.height}`;
        if (name === 'tracker') check(await shows(page.locator('.tracker-item')), `${where}: the tracker lists the ward's recommendations`);
        check(await page.evaluate((l) => document.documentElement.lang === l, lang), `${where}: <html lang> follows the language`);
        check((await page.locator('h1').first().textContent()).trim() === HEADINGS[name][lang], `${where}: the heading is in the page's language`);
        for (const v of await axe(page)) failures.push(`${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(' ; ')}`);
        checked += 1;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) failures.push(`${where}: the page scrolls sideways by ${overflow}px`);
        await page.screenshot({ path: path.join(shots, `public-${name}-${lang}-${viewport.width}x${viewport.height}.png`), fullPage: true });
        if (name === 'report') {
          const [canvases, drawn, labels] = await page.evaluate(() => {
            const all = [...document.querySelectorAll('canvas[data-chart]')];
            const charts = all.map((c) => window.Chart && window.Chart.getChart(c)).filter(Boolean);
            return [all.length, charts.length, charts.flatMap((c) => c.data.datasets.map((d) => d.label).concat(c.data.labels))];
          });
          check(canvases > 0 && drawn === canvases, `${where}: Chart.js (from /vendor/) drew ${drawn} of ${canvases} charts`);
          // No child answered in the ward this year: no empty chart of children, a line instead.
          check(await page.locator('.no-chart').count() > 0, `${where}: an empty chart says there is too little to show`);
          const sample = lang === 'en' ? ['Received', 'Approved', '11-13'] : ['Đã nhận', 'Được duyệt', '11-13'];
          check(sample.every((w) => labels.includes(w)), `${where}: the charts are labelled in the page's language (${labels.join(', ')})`);
        }
        const missing = await page.evaluate(() => [...document.querySelectorAll('main *')].map((e) => e.childNodes)
          .flatMap((n) => [...n]).filter((n) => n.nodeType === 3 && /^([a-z_]+(\.[a-z0-9_]+)+|null|undefined|NaN|\[object Object\])$/.test(n.textContent.trim()))
          .map((n) => n.textContent.trim()));
        if (missing.length) failures.push(`${where}: untranslated keys shown: ${missing.join(', ')}`);
        const errors = page.errors.splice(0);
        if (errors.length) failures.push(`${where}: script errors: ${errors.join(' | ')}`);
      }
      await page.context().close();
    }
  }
  // The tracker's language switch, and ?lang= asking for a language without saving it.
  {
    const page = await newPage(browser, server.url, { viewport: PHONE, lang: 'vi' });
    await page.goto(`/tracker.html?unit=${ward}&lang=en`);
    await page.waitForSelector('body[data-busy="false"]');
    check(await page.evaluate(() => document.documentElement.lang === 'en'), 'tracker ?lang=en: <html lang="en">');
    check((await page.locator('h1').textContent()).trim() === HEADINGS.tracker.en, 'tracker ?lang=en: the heading is English');
    check(await page.evaluate(() => localStorage.getItem('langnghe.lang')) === 'vi', 'tracker ?lang=en: the saved choice stays as it was');
    await page.locator('button.lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    check((await page.locator('h1').textContent()).trim() === HEADINGS.tracker.vi, 'tracker switch: the heading turns Vietnamese');
    check(new URL(page.url()).searchParams.get('lang') === 'vi', 'tracker switch: the address follows, so a reload keeps it');
    check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('lang-switch')), 'tracker switch: the focus stays on the switch');
    check(await shows(page.locator('.tracker-item')), 'tracker switch: the recommendations are still listed');
    await page.goto(`/tracker.html?council=${council.id}&lang=en`);
    await page.waitForSelector('body[data-busy="false"]');
    check(await shows(page.locator('.tracker-item')) && (await page.locator('p.council').textContent()).includes(council.name),
      'tracker ?council=: the Council\'s tracker names the Council and lists its recommendations');
    for (const v of await axe(page)) failures.push(`tracker council en: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(' ; ')}`);
    checked += 1;
    const errors = page.errors.splice(0);
    if (errors.length) failures.push(`tracker switch: script errors: ${errors.join(' | ')}`);
    await page.context().close();
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
