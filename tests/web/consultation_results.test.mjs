// A consultation from "open" to "the children heard back", through the pages: pupils answer on
// phones (a 7–10 pupil one question per screen, 11–13 pupils on one page, one with an idea a
// moderator approves); a facilitator types in a paper batch; an admin sets the ward's target;
// the Youth Union officer watches participation (small groups read "too few to show"), closes,
// reads a chart with its table for every question, filters by age band, gender, unit and channel,
// downloads the CSV and checks it, publishes the results, writes the feedback for each age band,
// previews it as each band will see it, sends it; a pupil finds it on their home page with a
// notification. Screenshots of every step at 360×640 and 1280×800 (web-artifacts/consultation/),
// and axe-core on each new page in Vietnamese and English at both sizes: zero violations.
//
// Setup through the API is limited to creating and publishing the consultation: those are the
// plan and question-editor pages, built and tested on their own branch. Everything after it goes
// through the pages; the API is only read to check what happened.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, axe, artifactsDir, check, PHONE, DESKTOP, PASSWORD, shows, counted, screenshotFailures } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
const pages = [];
const shots = path.join(artifactsDir(), 'consultation');
fs.mkdirSync(shots, { recursive: true });

async function call(method, url, token, body) {
  const response = await fetch(`${server.url}/api/v1${url}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

// Every step at both sizes; the page is left at the size it had.
let step = 0;
async function snap(page, name) {
  step += 1;
  const was = page.viewportSize();
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150); // charts redraw to the new width
    await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize(was);
}

// axe on the page as it is now, in both languages and at both sizes.
const violations = [];
async function axeBoth(page, name, hash) {
  const was = page.viewportSize();
  for (const lang of ['vi', 'en']) {
    await page.evaluate((l) => localStorage.setItem('langnghe.lang', l), lang);
    await go(page, hash);
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      for (const v of await axe(page)) violations.push(`${name} ${lang} ${size.width}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
    }
  }
  await page.evaluate(() => localStorage.setItem('langnghe.lang', 'vi'));
  await page.setViewportSize(was);
  await go(page, hash);
}

// No count on the page is a group of 1..4 children: each reads as a number of 0 or at least 5,
// or as "too few to show".
async function noSmallCounts(page, where) {
  const texts = await page.locator('main .count').allTextContents();
  for (const x of texts) {
    const n = Number(x.replace(/[.,\s]/g, ''));
    check(Number.isInteger(n) && (n === 0 || n >= 5), `${where}: a count of ${x} is shown`);
  }
  return texts.length;
}

async function signInPupil(page, code) {
  await go(page, '/pupil-sign-in');
  await page.locator('main input').first().fill(code);
  await page.locator('main form button[type=submit]').click();
  await page.waitForFunction(() => location.hash === '#/pupil');
  await settled(page);
}
// RFC 4180: quoted fields may hold commas, quotes doubled.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r') { /* ends with \n */ } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const apiGet = (page, url) => page.evaluate(async (u) => (await fetch(`/api/v1${u}`)).json(), url);

try {
  // --- Setup (API): the plan and questions of the demo consultation, as a new consultation.
  const moderatorToken = (await call('POST', '/auth/login', null, { username: 'moderator', password: PASSWORD })).token;
  const demo = (await call('GET', '/consultations', moderatorToken)).items.find((c) => c.status === 'published');
  const now = Date.now();
  const title = 'Đường đến trường an toàn — Phường 9';
  const plan = {
    title, purpose: 'Hỏi các em về sân chơi và đường đến trường.', owner_unit_id: demo.owner_unit_id,
    audience_unit_ids: demo.audience_unit_ids, audience_bands: ['7-10', '11-13'],
    opens_at: new Date(now - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
    closes_at: new Date(now + 30 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z'),
    decision: demo.decision, decision_maker: demo.decision_maker,
    decision_due: new Date(now + 40 * 86400e3).toISOString().slice(0, 10),
    feedback_due: new Date(now + 50 * 86400e3).toISOString().slice(0, 10),
    info_cards: { '7-10': demo.info_cards['7-10'], '11-13': demo.info_cards['11-13'] },
    questions: demo.questions,
  };
  const created = await call('POST', '/consultations', moderatorToken, plan);
  await call('POST', `/consultations/${created.id}/publish`, moderatorToken);
  const id = created.id;

  // --- Pupils answer on phones. Thỏ Trắng (9): one question per screen, in the 7–10 wording.
  const young = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(young);
  await signInPupil(young, 'tho-trang-2026');
  await young.locator('li.card', { hasText: title }).getByRole('link').click();
  await settled(young);
  check(await shows(young.getByText('Em thích chơi ở đâu nhất sau giờ học?')), 'the 7–10 pupil reads the 7–10 wording');
  await young.getByLabel('Công viên 🌳').check();
  await snap(young, 'pupil-7-10-answers');
  await young.getByRole('button', { name: 'Câu tiếp' }).click();
  for (let i = 0; i < 4; i += 1) await young.getByRole('button', { name: 'Bỏ qua' }).click();
  await young.locator('fieldset.question textarea').fill('Cô chú làm đèn ở hẻm cho sáng nhé.');
  await young.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await young.getByRole('heading', { name: 'Cảm ơn em đã trả lời!' }).waitFor();

  // Three 11–13 pupils, every question on one page; Mèo Xanh also writes an idea.
  const idea = 'Phường làm thêm vạch qua đường trước cổng trường cho chúng em.';
  for (const [code, place, words] of [['meo-xanh-2024', 'Công viên', idea], ['soc-nau-2026', 'Công viên', null], ['caheo-vang-2025', 'Sân trường', null]]) {
    const p = await newPage(browser, server.url, { viewport: PHONE });
    pages.push(p);
    await signInPupil(p, code);
    await p.locator('li.card', { hasText: title }).getByRole('link').click();
    await settled(p);
    check(await shows(p.getByText('Sau giờ học, em hay vui chơi ở đâu nhất?')), `${code} reads the 11–13 wording`);
    await p.getByLabel(place, { exact: true }).check();
    if (words) {
      // One child alone chooses shade trees: a count of one, hidden everywhere.
      await p.getByLabel('Cây xanh, bóng mát').check();
      await p.locator('fieldset.question textarea').fill(words);
    }
    if (code === 'meo-xanh-2024') await snap(p, 'pupil-11-13-answers');
    await p.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await p.getByRole('heading', { name: 'Cảm ơn em đã trả lời!' }).waitFor();
    await p.context().close();
    pages.pop();
  }

  // --- A facilitator types in twelve paper sheets: eight of 11–13, four of 7–10.
  const facilitator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(facilitator);
  await signInAdult(facilitator, 'facilitator');
  await go(facilitator, '/paper');
  await facilitator.getByRole('link', { name: title }).click();
  await settled(facilitator);
  await facilitator.getByLabel('Số hiệu đợt').fill('DDA-6A-02');
  const sheets = [...Array(6).fill(['11-13', 'school', 'girl']), ...Array(2).fill(['11-13', 'park', 'boy']), ...Array(4).fill(['7-10', 'park', 'boy'])];
  for (const [n, [band, place, gender]] of sheets.entries()) {
    await facilitator.getByLabel('Nhóm tuổi ghi trên phiếu').selectOption(band);
    await facilitator.getByLabel('Giới tính (nếu phiếu có ghi)').selectOption(gender);
    await facilitator.getByLabel(/Sau giờ học, em hay vui chơi|Em thích chơi ở đâu/).selectOption(place);
    await facilitator.getByRole('button', { name: 'Thêm phiếu này vào đợt' }).click();
    await facilitator.getByText(`Đợt này có ${n + 1} phiếu.`).waitFor();
  }
  await snap(facilitator, 'facilitator-paper-batch');
  await facilitator.getByRole('button', { name: 'Lưu cả đợt' }).click();
  await facilitator.getByRole('cell', { name: 'DDA-6A-02' }).waitFor();

  // --- The admin sets Phường 9's target on the targets page.
  const admin = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(admin);
  await signInAdult(admin, 'admin');
  check(await shows(admin.getByRole('link', { name: 'Chỉ tiêu' })), 'the admin menu has the targets');
  await admin.getByRole('link', { name: 'Chỉ tiêu' }).click();
  await settled(admin);
  await admin.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phường 9' });
  await admin.getByLabel('Chỉ tiêu (số em)').fill('500');
  await snap(admin, 'targets-new');
  await admin.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  const card = admin.locator('li.target', { hasText: 'Phường 9' });
  await card.waitFor();
  check((await card.locator('.target-figure').textContent()).includes('16 / 500'), `the target shows 16 of 500: ${await card.locator('.target-figure').textContent()}`);
  check(await counted(card.locator('tbody tr'), 3), 'the target lists this year, next year and the whole period');
  await noSmallCounts(admin, 'targets');
  await snap(admin, 'targets-progress');

  // --- The officer watches participation.
  const officer = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(officer);
  await signInAdult(officer, 'moderator');
  check(await shows(officer.getByRole('link', { name: 'Chỉ tiêu' })), 'the moderator menu has the targets');
  await go(officer, `/consultations/${id}/participation`);
  check((await officer.locator('.total-answered').textContent()).trim() === '16', 'sixteen children answered');
  const channels = officer.locator('section', { has: officer.getByRole('heading', { name: 'Theo hình thức trả lời' }) });
  const onlineRow = await channels.locator('tr', { hasText: 'Trực tuyến' }).textContent();
  check(onlineRow.includes('quá ít để hiển thị') && !/\b4\b/.test(onlineRow), `four online children are too few to show: ${onlineRow}`);
  // With the total and twelve paper sheets shown, the empty forum row is hidden too: otherwise
  // 16 − 12 − 0 would give the four away.
  const paperRow = await channels.locator('tr', { hasText: 'Phiếu giấy' }).textContent();
  const forumRow = await channels.locator('tr', { hasText: 'Diễn đàn' }).textContent();
  check([paperRow, forumRow].filter((r) => r.includes('quá ít để hiển thị')).length >= 1, `another channel is hidden with it: ${paperRow} / ${forumRow}`);
  check((await officer.locator('section', { hasText: 'Tiến độ so với chỉ tiêu' }).textContent()).includes('16 / 500'), 'progress against the ward\'s target');
  check(await shows(officer.locator('nav.stages a[aria-current="page"]', { hasText: 'Theo dõi tham gia' })), 'the stage links mark this page');
  await noSmallCounts(officer, 'participation');
  await snap(officer, 'participation-open');
  await axeBoth(officer, 'participation', `/consultations/${id}/participation`);

  // A moderator approves the idea; its words become a quote.
  const sub = (await apiGet(pages[0], '/submissions?limit=50')).items; // Thỏ Trắng's own answer text
  check(sub.length >= 1, 'the 7–10 pupil\'s written answer waits for moderation');
  const meo = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(meo);
  await signInPupil(meo, 'meo-xanh-2024');
  const mine = (await apiGet(meo, '/submissions?limit=50')).items.find((s) => s.text === idea);
  check(mine, 'Mèo Xanh\'s idea is stored as a submission');
  await go(officer, `/moderation/items/${mine.id}`);
  await officer.getByRole('button', { name: 'Nhận xử lý' }).click();
  await officer.getByRole('button', { name: 'Lưu quyết định' }).click();
  await officer.getByText('Đã lưu: Duyệt.').waitFor();

  // Close.
  await go(officer, `/consultations/${id}/participation`);
  await officer.getByRole('button', { name: 'Đóng, không nhận thêm câu trả lời' }).click();
  await officer.getByText('Cuộc lấy ý kiến đã đóng.').waitFor();
  check((await apiGet(officer, `/consultations/${id}`)).status === 'closed', 'the consultation is closed');
  await snap(officer, 'participation-closed');

  // --- Results: a chart with its table per question (the written one as a count).
  await officer.getByRole('link', { name: 'Xem kết quả' }).click();
  await settled(officer);
  // Every question with choices has its table; a chart where it has a count to draw (the others
  // were skipped by nearly everyone: their counts are zeros or hidden).
  check(await counted(officer.locator('section.result table'), 5), 'five tables, one per question with choices');
  const space = officer.locator('section.result[data-question="q_space"]');
  check(await counted(space.locator('canvas'), 1), 'the question everyone answered has its chart beside the table');
  await officer.waitForFunction(() => [...document.querySelectorAll('section.result canvas')].every((c) => c.width > 0));
  check((await space.locator('tr', { hasText: 'Công viên' }).textContent()).includes('9'), 'nine chose the park');
  // Seven chose the school yard: shown as 7, or hidden to protect a small group elsewhere.
  const school = await space.locator('tr', { hasText: 'Sân trường' }).textContent();
  check(/\b7\b/.test(school) || school.includes('quá ít để hiển thị'), `the school yard row: ${school}`);
  check((await officer.locator('section.result[data-question="q_voice"] tbody').textContent()).includes('Có'), 'yes / no answers are words, not keys');
  check((await officer.locator('section.result[data-question="q_idea"]').textContent()).includes('quá ít để hiển thị'), 'two written answers are too few to show');
  check(await shows(officer.locator('ul.quotes li', { hasText: idea })), 'the approved idea is quoted');
  await noSmallCounts(officer, 'results');
  await snap(officer, 'results');
  await axeBoth(officer, 'results', `/consultations/${id}/results`);

  // Filters: one at a time.
  for (const [label, option, what] of [['Nhóm tuổi', '7-10 tuổi', 'age band'], ['Giới tính', 'Nữ', 'gender'], ['Đơn vị', 'Phường 9', 'unit'], ['Hình thức trả lời', 'Trực tuyến', 'channel']]) {
    await officer.getByLabel(label, { exact: true }).selectOption({ label: option });
    await officer.getByText(`Đang hiện kết quả của nhóm: ${option}.`).waitFor();
    const others = await officer.locator('.filters select').evaluateAll((s) => s.filter((x) => x.value).length);
    check(others === 1, `filtering by ${what} leaves one filter on`);
    check((await space.locator('caption').textContent()).includes(option), `the table says it shows ${option}`);
    await noSmallCounts(officer, `results by ${what}`);
    await snap(officer, `results-by-${what.replace(' ', '-')}`);
  }

  // The CSV: a BOM, Vietnamese intact, hidden counts as "hidden", never a small number.
  const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('link', { name: 'Tải kết quả (CSV)' }).click()]);
  const csvPath = path.join(shots, 'results.csv');
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8');
  check(csv.startsWith('\uFEFFquestion_id,question,type,answer,count,answered,min_group_size'), `the CSV has its header: ${csv.slice(0, 80)}`);
  const csvRows = parseCsv(csv.slice(1)).slice(1);
  const park = csvRows.find((r) => r[0] === 'q_space' && r[3] === 'Công viên');
  check(park && park[4] === '9' && park[5] === '16' && park[6] === '5', `the park row reads 9 of 16, minimum 5: ${park}`);
  for (const r of csvRows) {
    for (const v of [r[4], r[5]]) check(v === 'hidden' || Number(v) === 0 || Number(v) >= 5, `the CSV shows a count of ${v}: ${r.join(',')}`);
  }
  const trees = csvRows.find((r) => r[0] === 'q_needs' && r[3] === 'Cây xanh, bóng mát');
  check(trees && trees[4] === 'hidden' && trees[5] === 'hidden', `the one child who chose shade trees is hidden: ${trees}`);

  // Publish the results.
  await officer.getByLabel('Nhóm tuổi', { exact: true }).selectOption('');
  await officer.getByRole('button', { name: 'Công bố kết quả' }).click();
  await officer.getByText('Kết quả đã được công bố.').waitFor();
  await snap(officer, 'results-published');

  // --- Feedback per age band, previewed, sent.
  await officer.getByRole('link', { name: 'Viết phản hồi cho các em' }).click();
  await settled(officer);
  await axeBoth(officer, 'feedback-form', `/consultations/${id}/feedback`);
  const words = {
    '7-10': ['Các em muốn chơi ở công viên.', 'Phường sẽ làm thêm đèn và vạch qua đường.', 'Nhiều em thấy đường tối.', 'Trước Tết, các cô chú làm xong.'],
    '11-13': ['Các em chọn công viên và sân trường.', 'UBND phường sẽ mở sân trường cuối tuần.', 'Đó là việc nhiều em chọn nhất.', 'Từ tháng 3, sân trường mở thứ Bảy.'],
  };
  for (const [band, parts] of Object.entries(words)) {
    const set = officer.locator(`fieldset[data-band="${band}"]`);
    for (const [i, label] of ['Em đã nói', 'Người lớn đã làm', 'Vì sao', 'Tiếp theo'].entries()) await set.getByLabel(label).fill(parts[i]);
    await set.getByRole('button', { name: `Xem trước cho các em ${band} tuổi` }).click();
    const preview = set.locator('.phone-preview');
    check((await preview.textContent()).includes(parts[1]), `the preview for ${band} shows their words`);
    await preview.scrollIntoViewIfNeeded();
  }
  await snap(officer, 'feedback-preview');
  await officer.getByRole('button', { name: 'Gửi phản hồi cho các em' }).click();
  await officer.getByText(/Đã gửi phản hồi cho các em lúc/).waitFor();
  check((await apiGet(officer, `/consultations/${id}`)).status === 'feedback_given', 'the consultation has its feedback');
  await snap(officer, 'feedback-sent');
  await axeBoth(officer, 'feedback-sent', `/consultations/${id}/feedback`);
  await go(officer, '/targets');
  await axeBoth(officer, 'targets', '/targets');

  // --- The pupils hear back: a notification and the feedback on the home page.
  await go(young, '/pupil');
  const news = young.locator('li.notice[data-kind="consultation_feedback"]');
  check(await shows(news), 'the 7–10 pupil has a notification');
  const heard = young.locator('article.consultation-feedback', { hasText: title });
  check(await shows(heard), 'the feedback is on the home page');
  check((await heard.textContent()).includes(words['7-10'][1]) && !(await heard.textContent()).includes(words['11-13'][1]), 'in the 7–10 words');
  await snap(young, 'pupil-home-heard-back');
  await axeBoth(young, 'pupil-home', '/pupil');
  await go(meo, '/pupil');
  check((await meo.locator('article.consultation-feedback', { hasText: title }).textContent()).includes(words['11-13'][3]), 'Mèo Xanh reads the 11–13 words');
  await meo.locator('li.notice[data-kind="consultation_feedback"]').getByRole('button', { name: 'Em đã xem' }).click();
  check(await counted(meo.locator('li.notice[data-kind="consultation_feedback"]'), 0), 'the notification goes once seen');
  const read = (await apiGet(meo, '/me/notifications?limit=200')).items.find((n) => n.kind === 'consultation_feedback');
  check(read && read.read_at, 'and is marked read on the server');
  await go(meo, `/pupil/consultations/${id}`);
  check(await shows(meo.locator('article.consultation-feedback')), 'the consultation page shows the feedback too');
  await snap(meo, 'pupil-consultation-heard-back');

  check(violations.length === 0, `axe found violations:\n${violations.join('\n')}`);
  for (const p of pages) check(p.errors.length === 0, `script errors: ${p.errors.join('; ')}`);
  console.log(`consultation results: ${step} steps photographed at two sizes in ${shots}; axe clean`);
} catch (e) {
  await screenshotFailures(pages, 'consultation-results');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
