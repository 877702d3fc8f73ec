// A consultation from plan to "the children heard back", in the pages alone (the API is only read
// to check what happened). The Youth Union officer (demo `moderator`) plans it with one question
// of every type worded for every age band, previews it as a child of two bands, is refused a
// publish whose problems show beside their fields, fixes them and publishes; what may no longer
// change is locked. Two pupils of different bands answer on phones, each in their band's words
// (the 7–10 one question per screen, with faces). A facilitator sees the consultation open to
// their school and how many of each class answered (a count, never who; a class of two reads "too
// few to show") and types in a paper batch. An admin sets the ward's target. The officer watches
// participation (small groups hidden), approves a child's written answer as a quote, closes,
// reads a chart with its table per question, filters, downloads the CSV, publishes the results,
// writes the feedback for each age band with a preview, sends it; a pupil finds it on their home
// page and as a notification. Every step is saved at 360×640 and 1280×800
// (web-artifacts/consultation-journey/), and axe-core checks every page of the journey in
// Vietnamese and English at both sizes: zero violations.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, signInPupil, axe, artifactsDir, check, shows, counted, screenshotFailures, apiCaller, PHONE, DESKTOP, PASSWORD } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
const shots = path.join(artifactsDir(), 'consultation-journey');
fs.mkdirSync(shots, { recursive: true });
const pages = [];
const call = apiCaller(server.url);
const apiGet = (page, url) => page.evaluate(async (u) => (await fetch(`/api/v1${u}`)).json(), url);

// A step seen at both sizes; the page is left at the size it had.
let step = 0;
async function shoot(page, name) {
  step += 1;
  const was = page.viewportSize();
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150); // charts redraw to the new width
    await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(was);
}

// axe-core on a page in both languages and at both sizes; `prepare` opens what the check needs.
const violations = [];
async function axeBoth(page, name, hash, prepare = null) {
  const was = page.viewportSize();
  for (const lang of ['vi', 'en']) {
    await page.evaluate((l) => localStorage.setItem('langnghe.lang', l), lang);
    await go(page, hash);
    if (prepare) await prepare(page);
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      for (const v of await axe(page)) violations.push(`${name} ${lang} ${size.width}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
    }
    if (lang === 'en') await page.screenshot({ path: path.join(shots, `en-${name}.png`), fullPage: true });
  }
  await page.evaluate(() => localStorage.setItem('langnghe.lang', 'vi'));
  await page.setViewportSize(was);
  await go(page, hash);
}

// No count on the page is a group of 1..4 children: each reads as 0, at least 5, or "too few".
async function noSmallCounts(page, where) {
  for (const x of await page.locator('main .count').allTextContents()) {
    const n = Number(x.replace(/[.,\s]/g, ''));
    check(Number.isInteger(n) && (n === 0 || n >= 5), `${where}: a count of ${x} is shown`);
  }
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

// Vietnam time (UTC+7) as a datetime-local field takes it, `hours` from now.
function vnInput(hours) {
  return new Date(Date.now() + hours * 3600 * 1000 + 7 * 3600 * 1000).toISOString().slice(0, 16);
}
function day(days) {
  return new Date(Date.now() + days * 86400 * 1000).toISOString().slice(0, 10);
}

const TITLE = 'Thư viện trường học của em';
const BANDS = ['7-10', '11-13', '14-15', '16-17'];
const TYPES = ['single', 'multiple', 'scale', 'yes_no', 'ranking', 'text'];
const wording = (i, band) => `Câu ${i + 1} cho tuổi ${band}: em nghĩ gì về thư viện?`;
const optionWording = (i, j, band) => `Lựa chọn ${j + 1} câu ${i + 1} (${band})`;
const cell = (page, field) => page.locator(`[data-field="${field}"]`);
const TOO_FEW = 'quá ít để hiển thị';

try {
  // --- 1. The officer plans it: the menu leads to the list, the list to a new plan.
  const officer = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(officer);
  await signInAdult(officer, 'moderator');
  await officer.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Lấy ý kiến trẻ em' }).click();
  await settled(officer);
  check(await shows(officer.getByRole('heading', { name: 'Lấy ý kiến trẻ em', level: 1 })), 'the consultations list opens from the menu');
  check(await shows(officer.locator('tr', { hasText: 'Sân chơi' }).locator('a[href$="/participation"]', { hasText: 'Theo dõi tham gia' })),
    'the demo consultation (open) leads to its participation page');
  await shoot(officer, 'list');
  await officer.getByRole('link', { name: 'Lập kế hoạch lấy ý kiến mới' }).click();
  await settled(officer);

  // The plan, with the decision and one card's "hear back" left out.
  await officer.getByLabel('Tên cuộc lấy ý kiến').fill(TITLE);
  await officer.getByLabel('Mục đích', { exact: true }).fill('Hỏi các em về thư viện để Phòng Giáo dục chọn việc làm trước.');
  await officer.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Quận Phú Nhuận' });
  await officer.getByRole('group', { name: 'Đơn vị có trẻ em được hỏi' }).getByLabel('Phường 9').check();
  for (const band of BANDS) check(await officer.getByLabel(`${band} tuổi`).isChecked(), `band ${band} is asked by default`);
  await officer.getByLabel('Mở lúc').fill(vnInput(-1));
  await officer.getByLabel('Đóng lúc').fill(vnInput(24 * 30));
  await officer.getByLabel('Ai quyết định').fill('Phòng Giáo dục quận');
  await officer.getByLabel('Ngày quyết định').fill(day(45));
  // The browser draws the date in its own language's order; the page says it back in Vietnamese.
  const [yyyy, mm, dd] = day(45).split('-');
  check(await shows(cell(officer, 'decision_due').getByText(`Tức là ngày ${dd}/${mm}/${yyyy}`)), 'the decision date reads back as dd/mm/yyyy');
  await officer.getByLabel('Ngày trẻ em được biết kết quả').fill(day(60));
  for (const band of BANDS) {
    await cell(officer, `info_cards.${band}.why`).locator('textarea').fill(`Phòng Giáo dục muốn biết em cần gì ở thư viện (${band}).`);
    await cell(officer, `info_cards.${band}.who_reads`).locator('textarea').fill('Đoàn Thanh niên quận đọc và tổng hợp.');
    if (band !== '7-10') await cell(officer, `info_cards.${band}.hear_back`).locator('textarea').fill('Trước Tết em sẽ biết kết quả.');
  }
  await shoot(officer, 'plan-new');
  await officer.getByRole('button', { name: 'Lưu bản nháp và viết câu hỏi' }).click();
  await officer.waitForFunction(() => /\/questions$/.test(location.hash));
  await settled(officer);
  const id = decodeURIComponent(officer.url().match(/consultations\/([^/]+)\/questions/)[1]);
  const officerToken = (await call('POST', '/auth/login', null, { username: 'moderator', password: PASSWORD })).token;
  check((await call('GET', `/consultations/${id}`, officerToken)).status === 'draft', 'the plan is saved as a draft');

  // --- 2. One question of every type; every wording filled but one option's 14–15 wording.
  for (const type of TYPES) {
    await officer.getByLabel('Loại câu hỏi mới').selectOption(type);
    await officer.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  }
  check(await counted(officer.locator('section.question-edit'), 6), 'six questions are being written');
  // A seventh question moves up, then goes: the six stay in their order.
  await officer.getByLabel('Loại câu hỏi mới').selectOption('yes_no');
  await officer.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  await officer.locator('section.question-edit').nth(6).getByRole('button', { name: /^Lên Câu 7/ }).click();
  check(await shows(officer.locator('section.question-edit').nth(5).getByRole('heading', { name: 'Câu 6: Có / Không' })), 'the new question moved up to sixth');
  check(await shows(officer.locator('section.question-edit').nth(6).getByRole('heading', { name: 'Câu 7: Viết tự do' })), 'and the free text moved down to seventh');
  await officer.locator('section.question-edit').nth(5).getByRole('button', { name: /^Xoá Câu 6/ }).last().click();
  check(await counted(officer.locator('section.question-edit'), 6), 'the extra question is removed');
  check(await shows(officer.locator('section.question-edit').nth(5).getByRole('heading', { name: 'Câu 6: Viết tự do' })), 'the free text is sixth again');
  check((await officer.locator('.gap-note:not(:empty)').count()) > 20, 'every missing wording is marked before it is written');
  await shoot(officer, 'questions-empty');
  for (const [i, type] of TYPES.entries()) {
    for (const band of BANDS) await cell(officer, `questions[${i}].text.${band}`).locator('textarea').fill(wording(i, band));
    if (['single', 'multiple', 'ranking'].includes(type)) {
      for (const j of [0, 1]) {
        for (const band of BANDS) {
          if (i === 0 && j === 1 && band === '14-15') continue;
          await cell(officer, `questions[${i}].options[${j}].text.${band}`).locator('input').fill(optionWording(i, j, band));
        }
      }
    }
    if (type === 'scale') {
      const labels = ['Rất tệ', 'Tệ', 'Bình thường', 'Tốt', 'Rất tốt'];
      for (const band of BANDS) {
        const inputs = cell(officer, `questions[${i}].scale_labels.${band}`).locator('input');
        for (let k = 0; k < 5; k += 1) await inputs.nth(k).fill(band === '7-10' ? `${labels[k]} (nhỏ)` : labels[k]);
      }
    }
  }
  check(await counted(officer.locator('.gap-note:not(:empty)'), 1), 'one wording is still missing, and it shows');
  await officer.getByRole('button', { name: 'Lưu bản nháp' }).click();
  check(await shows(officer.getByText(/Đã lưu lúc/)), 'the draft saves with a wording missing');

  // The preview as a child of 7–10 (one question per screen, faces) and of 14–15.
  await officer.getByRole('button', { name: 'Xem như em 7-10 tuổi' }).click();
  const frame = officer.locator('.phone-frame[data-band="7-10"]');
  check(await shows(frame.getByText(wording(0, '7-10'))), 'the 7–10 preview shows the 7–10 wording');
  check(await counted(frame.locator('fieldset.question'), 1), 'the 7–10 preview has one question per screen');
  check((await frame.boundingBox()).width <= 360, 'the preview is a phone wide');
  await frame.getByRole('button', { name: 'Câu tiếp' }).click();
  await frame.getByRole('button', { name: 'Câu tiếp' }).click();
  check(await shows(frame.locator('.face').first()), 'the 7–10 preview shows faces on the scale');
  check(await shows(frame.getByText('Rất tốt (nhỏ)')), 'the scale reads in the 7–10 labels');
  await shoot(officer, 'preview-7-10');
  await officer.getByRole('button', { name: 'Xem như em 14-15 tuổi' }).click();
  const teenFrame = officer.locator('.phone-frame[data-band="14-15"]');
  check(await shows(teenFrame.getByText(wording(0, '14-15'))), 'the 14–15 preview shows the 14–15 wording');
  check(await counted(teenFrame.locator('fieldset.question'), 6), 'the 14–15 preview shows every question on one page');
  check(await counted(teenFrame.locator('.face'), 0), 'no faces for 14–15');
  await shoot(officer, 'preview-14-15');

  // --- 3. Publishing is refused: each problem beside its field, on this page and on the plan.
  await officer.getByRole('button', { name: 'Công bố cuộc lấy ý kiến' }).click();
  check(await shows(officer.getByText('Chưa công bố được: hãy sửa các mục được đánh dấu ⚠.')), 'the refusal is announced');
  check(await shows(cell(officer, 'questions[0].options[1].text.14-15').locator('.field-problem', { hasText: 'Chưa có lời cho trẻ 14-15 tuổi.' })),
    'the missing option wording is named beside its field');
  check(await officer.locator('[data-field="questions[0].options[1].text.14-15"] input').getAttribute('aria-invalid') === 'true', 'the field is marked invalid');
  check(await shows(officer.locator('.problem-summary').getByRole('link', { name: 'Cần nói ý kiến giúp đưa ra quyết định nào.' })),
    'the plan\'s problems are listed with a link to the plan');
  check(await shows(officer.locator('.problem-summary').getByRole('link', { name: 'Câu 1 · Lựa chọn 2: Chưa có lời cho trẻ 14-15 tuổi.' })),
    'the summary says which question and option lacks a wording');
  await shoot(officer, 'publish-refused-questions');
  check((await call('GET', `/consultations/${id}`, officerToken)).status === 'draft', 'a refused publish leaves a draft');

  await officer.locator('.problem-summary').getByRole('link', { name: 'Cần nói ý kiến giúp đưa ra quyết định nào.' }).click();
  await settled(officer);
  check(await shows(cell(officer, 'decision').locator('.field-problem', { hasText: 'Cần nói ý kiến giúp đưa ra quyết định nào.' })), 'the decision\'s problem is beside it on the plan');
  check(await shows(cell(officer, 'info_cards.7-10.hear_back').locator('.field-problem')), 'the 7–10 card\'s problem is beside it');
  await shoot(officer, 'publish-refused-plan');
  await officer.getByLabel('Quyết định mà ý kiến trẻ em giúp đưa ra').fill('Kế hoạch thư viện trường học năm 2027');
  check(await counted(cell(officer, 'decision').locator('.field-problem'), 0), 'a problem goes once its field is edited');
  check(await counted(officer.locator('.problem-summary li'), 2), 'and leaves the summary');
  await cell(officer, 'info_cards.7-10.hear_back').locator('textarea').fill('Trước Tết em sẽ biết.');
  await officer.getByRole('button', { name: 'Lưu', exact: true }).click();
  check(await shows(officer.getByText(/Đã lưu lúc/)), 'the plan saves');
  await officer.getByRole('link', { name: 'Viết câu hỏi →' }).click();
  await settled(officer);
  await cell(officer, 'questions[0].options[1].text.14-15').locator('input').fill(optionWording(0, 1, '14-15'));
  await officer.getByRole('button', { name: 'Công bố cuộc lấy ý kiến' }).click();
  check(await shows(officer.locator('.lead .badge', { hasText: 'Đang mở' })), 'the consultation is published');

  // Published: structure locked, wording still editable; on the plan, the audience is locked.
  check(await officer.locator('[data-field="questions[0]"] select').first().isDisabled(), 'the question type is locked');
  check(await counted(officer.getByRole('button', { name: 'Thêm câu hỏi' }), 0), 'no question can be added');
  check(await counted(officer.getByRole('button', { name: /^Xoá/ }), 0), 'no question or option can be removed');
  check(!(await cell(officer, 'questions[0].text.7-10').locator('textarea').isDisabled()), 'the wording can still be fixed');
  check(await shows(officer.getByText('🔒').first()), 'the locked fields say so');
  await shoot(officer, 'published-questions');
  await go(officer, `/consultations/${encodeURIComponent(id)}`);
  check(await officer.getByLabel(/Tên cuộc lấy ý kiến/).isDisabled(), 'the title is locked');
  check(await officer.getByRole('group', { name: /Đơn vị có trẻ em được hỏi/ }).getByLabel('Phường 9').isDisabled(), 'the audience is locked');
  check(!(await officer.getByLabel(/Đóng lúc/).isDisabled()), 'the closing time can still move');
  await shoot(officer, 'published-plan');

  // Read back: published, six questions of six types, each worded for every band.
  const saved = await call('GET', `/consultations/${id}`, officerToken);
  check(saved.status === 'published', 'the API has it published');
  check(saved.questions.map((q) => q.type).join() === TYPES.join(), `one question of every type: ${saved.questions.map((q) => q.type)}`);
  for (const q of saved.questions) check(BANDS.every((b) => q.text[b]), `question ${q.id} is worded for every band`);
  check(saved.info_cards['7-10'].hear_back === 'Trước Tết em sẽ biết.', 'the fixed card is saved');
  check(Date.parse(saved.opens_at) < Date.now() && Date.parse(saved.opens_at) > Date.now() - 2 * 3600 * 1000,
    `the opening time entered in Vietnam time is stored in UTC: ${saved.opens_at}`);
  const qid = saved.questions.map((q) => q.id);

  // --- 4. Two pupils of different bands answer on phones, each in their band's words.
  const idea = 'Thư viện mở cả thứ Bảy để chúng em đọc sách.';
  const pupils = {};
  for (const [code, band] of [['tho-trang-2026', '7-10'], ['meo-xanh-2024', '11-13']]) {
    const pupil = await newPage(browser, server.url, { viewport: PHONE });
    pages.push(pupil);
    pupils[band] = pupil;
    await signInPupil(pupil, code);
    await pupil.getByRole('link', { name: new RegExp(TITLE) }).click();
    await settled(pupil);
    check(await shows(pupil.getByText(wording(0, band))), `the ${band} pupil reads the ${band} wording`);
    for (const other of BANDS.filter((b) => b !== band)) check(await counted(pupil.getByText(wording(0, other)), 0), `and not the ${other} wording`);
    check(await shows(pupil.getByText(`Phòng Giáo dục muốn biết em cần gì ở thư viện (${band}).`)), 'the information card is the band\'s');
    await shoot(pupil, `pupil-${band}`);
    if (band === '7-10') {
      await pupil.getByText(optionWording(0, 0, band)).click();
      for (let k = 0; k < 5; k += 1) await pupil.getByRole('button', { name: 'Câu tiếp' }).click();
      await pupil.locator('fieldset.question textarea').fill('Em muốn có thêm truyện tranh.');
    } else {
      await pupil.getByText(optionWording(0, 1, band)).click();
      // One child alone chooses this: a count of one, hidden everywhere.
      await pupil.getByText(optionWording(1, 0, band)).click();
      await pupil.getByText('Rất tốt', { exact: true }).click();
      await pupil.locator('fieldset.question textarea').fill(idea);
    }
    await shoot(pupil, `pupil-${band}-answered`);
    await pupil.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    check(await shows(pupil.getByRole('heading', { name: 'Cảm ơn em đã trả lời!' }), 30000),
      `the ${band} pupil's answers are sent: ${await pupil.locator('main [role=alert]').allTextContents()}`);
    await shoot(pupil, `pupil-${band}-sent`);
  }
  check((await call('GET', `/consultations/${id}`, officerToken)).responses === null, 'two answers are too few for the API to publish a count');

  // --- 5. The facilitator: the consultation open to their school, how many of each class
  // answered (never who), and a paper batch of twelve sheets.
  const facilitator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(facilitator);
  await signInAdult(facilitator, 'facilitator');
  await facilitator.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Lấy ý kiến trẻ em' }).click();
  await settled(facilitator);
  const row = facilitator.locator('tr', { hasText: TITLE });
  check(await shows(row.getByText('Ẩn (dưới 5 em)')), 'two answers are too few to show in the list');
  check(await counted(facilitator.getByRole('link', { name: 'Lập kế hoạch lấy ý kiến mới' }), 0), 'a facilitator cannot plan');
  await shoot(facilitator, 'facilitator-list');
  await row.getByRole('link', { name: /Xem số em từng lớp đã trả lời, nhập phiếu giấy/ }).click();
  await settled(facilitator);
  const classes = facilitator.locator('section', { has: facilitator.getByRole('heading', { name: 'Lớp của thầy cô: số em đã trả lời' }) });
  const sixA = await classes.locator('tr', { hasText: '6A' }).textContent();
  check(sixA.includes(TOO_FEW) && !/\b2\b/.test(sixA), `class 6A's two answers read "too few to show": ${sixA}`);
  check(!(await classes.textContent()).includes('Mèo Xanh'), 'no pupil is named');
  check(await counted(classes.locator('tr', { hasText: '8B' }), 0), 'another school\'s class is not listed');
  await facilitator.getByLabel('Số hiệu đợt').fill('DDA-6A-02');
  const sheets = [...Array(6).fill(['11-13', 0, 'girl']), ...Array(2).fill(['11-13', 1, 'boy']), ...Array(4).fill(['7-10', 1, 'boy'])];
  for (const [n, [band, option, gender]] of sheets.entries()) {
    await facilitator.getByLabel('Nhóm tuổi ghi trên phiếu').selectOption(band);
    await facilitator.getByLabel('Giới tính (nếu phiếu có ghi)').selectOption(gender);
    await facilitator.getByLabel(wording(0, band)).selectOption({ label: optionWording(0, option, band) });
    await facilitator.getByRole('button', { name: 'Thêm phiếu này vào đợt' }).click();
    await facilitator.getByText(`Đợt này có ${n + 1} phiếu.`).waitFor();
  }
  await shoot(facilitator, 'facilitator-paper-batch');
  await facilitator.getByRole('button', { name: 'Lưu cả đợt' }).click();
  await facilitator.getByRole('cell', { name: 'DDA-6A-02' }).waitFor();
  const batches = await call('GET', `/consultations/${id}/paper-batches`, officerToken);
  check(batches.items.length === 1 && batches.items[0].sheets === 12, `the batch of twelve sheets is saved: ${JSON.stringify(batches.items)}`);
  await shoot(facilitator, 'facilitator-paper-saved');
  await axeBoth(facilitator, 'facilitator-list', '/consultations');
  await axeBoth(facilitator, 'facilitator-paper', `/paper/${encodeURIComponent(id)}`);

  // --- 6. The admin sets Phường 9's target on the targets page.
  const admin = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(admin);
  await signInAdult(admin, 'admin');
  await admin.getByRole('link', { name: 'Chỉ tiêu' }).click();
  await settled(admin);
  await admin.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phường 9' });
  await admin.getByLabel('Chỉ tiêu (số em)').fill('500');
  await admin.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  const card = admin.locator('li.target', { hasText: 'Phường 9' });
  await card.waitFor();
  check((await card.locator('.target-figure').textContent()).includes('14 / 500'), `the target shows 14 of 500: ${await card.locator('.target-figure').textContent()}`);
  check(await counted(card.locator('tbody tr'), 3), 'the target lists this year, next year and the whole period');
  await noSmallCounts(admin, 'targets');
  await shoot(admin, 'targets-progress');
  await axeBoth(admin, 'targets', '/targets');

  // --- 7. The officer watches participation.
  await go(officer, `/consultations/${id}/participation`);
  check((await officer.locator('.total-answered').textContent()).trim() === '14', 'fourteen children answered');
  const channels = officer.locator('section', { has: officer.getByRole('heading', { name: 'Theo hình thức trả lời' }) });
  const onlineRow = await channels.locator('tr', { hasText: 'Trực tuyến' }).textContent();
  check(onlineRow.includes(TOO_FEW) && !/\b2\b/.test(onlineRow), `two online children are too few to show: ${onlineRow}`);
  check((await officer.locator('section', { hasText: 'Tiến độ so với chỉ tiêu' }).textContent()).includes('14 / 500'), 'progress against the ward\'s target');
  check(await shows(officer.locator('nav.stages a[aria-current="page"]', { hasText: 'Theo dõi tham gia' })), 'the stage links mark this page');
  await noSmallCounts(officer, 'participation');
  await shoot(officer, 'participation-open');
  await axeBoth(officer, 'participation', `/consultations/${id}/participation`);

  // A moderator approves Mèo Xanh's written answer: its words become a quote.
  const mine = (await apiGet(pupils['11-13'], '/submissions?limit=50')).items.find((s) => s.text === idea);
  check(mine, 'Mèo Xanh\'s written answer waits for moderation');
  await go(officer, `/moderation/items/${mine.id}`);
  await officer.getByRole('button', { name: 'Nhận xử lý' }).click();
  await officer.getByRole('button', { name: 'Lưu quyết định' }).click();
  await officer.getByText('Đã lưu: Duyệt.').waitFor();

  // Close.
  await go(officer, `/consultations/${id}/participation`);
  await officer.getByRole('button', { name: 'Đóng, không nhận thêm câu trả lời' }).click();
  await officer.getByText('Cuộc lấy ý kiến đã đóng.').waitFor();
  check((await call('GET', `/consultations/${id}`, officerToken)).status === 'closed', 'the consultation is closed');
  await shoot(officer, 'participation-closed');

  // --- 8. Results: a chart with its table per question with choices, the written one as a count.
  await officer.getByRole('link', { name: 'Xem kết quả' }).click();
  await settled(officer);
  check(await counted(officer.locator('section.result table'), 5), 'five tables, one per question with choices');
  const first = officer.locator(`section.result[data-question="${qid[0]}"]`);
  check(await counted(first.locator('canvas'), 1), 'the question everyone answered has its chart beside the table');
  await officer.waitForFunction(() => [...document.querySelectorAll('section.result canvas')].every((c) => c.width > 0));
  check((await officer.locator(`section.result[data-question="${qid[3]}"]`).textContent()).includes('Có'), 'yes / no answers are words, not keys');
  check((await officer.locator(`section.result[data-question="${qid[5]}"]`).textContent()).includes(TOO_FEW), 'two written answers are too few to show');
  check(await shows(officer.locator('ul.quotes li', { hasText: idea })), 'the approved answer is quoted');
  await noSmallCounts(officer, 'results');
  await shoot(officer, 'results');
  await axeBoth(officer, 'results', `/consultations/${id}/results`);

  // Filters: one at a time.
  for (const [label, option, what] of [['Nhóm tuổi', '7-10 tuổi', 'age band'], ['Giới tính', 'Nữ', 'gender'], ['Đơn vị', 'Phường 9', 'unit'], ['Hình thức trả lời', 'Phiếu giấy', 'channel']]) {
    await officer.getByLabel(label, { exact: true }).selectOption({ label: option });
    await officer.getByText(`Đang hiện kết quả của nhóm: ${option}.`).waitFor();
    const on = await officer.locator('.filters select').evaluateAll((s) => s.filter((x) => x.value).length);
    check(on === 1, `filtering by ${what} leaves one filter on`);
    check((await first.locator('caption').textContent()).includes(option), `the table says it shows ${option}`);
    await noSmallCounts(officer, `results by ${what}`);
    await shoot(officer, `results-by-${what.replace(' ', '-')}`);
  }

  // The CSV: a BOM, Vietnamese intact, hidden counts as "hidden", never a small number.
  const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('link', { name: 'Tải kết quả (CSV)' }).click()]);
  const csvPath = path.join(shots, 'results.csv');
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8');
  check(csv.startsWith('\uFEFFquestion_id,question,type,answer,count,answered,min_group_size'), `the CSV has its header: ${csv.slice(0, 80)}`);
  const csvRows = parseCsv(csv.slice(1)).slice(1);
  for (const r of csvRows) {
    for (const v of [r[4], r[5]]) check(v === 'hidden' || Number(v) === 0 || Number(v) >= 5, `the CSV shows a count of ${v}: ${r.join(',')}`);
  }
  const firstRows = csvRows.filter((r) => r[0] === qid[0]);
  check(firstRows.length === 2 && firstRows[0][1] === wording(0, '16-17') && firstRows.every((r) => r[5] === '14' && r[6] === '5'),
    `the first question reads 14 answers in Vietnamese, minimum 5: ${JSON.stringify(firstRows)}`);
  const alone = csvRows.find((r) => r[0] === qid[1] && r[3] === optionWording(1, 0, '16-17'));
  check(alone && alone[4] === 'hidden', `the one child who chose it alone is hidden: ${alone}`);

  // Publish the results.
  await officer.getByLabel('Hình thức trả lời', { exact: true }).selectOption('');
  await officer.getByRole('button', { name: 'Công bố kết quả' }).click();
  await officer.getByText('Kết quả đã được công bố.').waitFor();
  check((await call('GET', `/consultations/${id}`, officerToken)).status === 'results_published', 'the results are published');
  await shoot(officer, 'results-published');

  // --- 9. Feedback for each age band, previewed, sent.
  await officer.getByRole('link', { name: 'Viết phản hồi cho các em' }).click();
  await settled(officer);
  await axeBoth(officer, 'feedback-form', `/consultations/${id}/feedback`);
  const words = (band) => [`Các em ${band} tuổi muốn thư viện mở thêm giờ.`, `Phòng Giáo dục sẽ mở thư viện sáng thứ Bảy (${band}).`,
    'Đó là điều nhiều em chọn nhất.', 'Từ tháng 3, thư viện mở thứ Bảy.'];
  for (const band of BANDS) {
    const set = officer.locator(`fieldset[data-band="${band}"]`);
    for (const [i, label] of ['Em đã nói', 'Người lớn đã làm', 'Vì sao', 'Tiếp theo'].entries()) await set.getByLabel(label).fill(words(band)[i]);
    if (band === '7-10' || band === '11-13') {
      await set.getByRole('button', { name: `Xem trước cho các em ${band} tuổi` }).click();
      check((await set.locator('.phone-preview').textContent()).includes(words(band)[1]), `the preview for ${band} shows their words`);
    }
  }
  await officer.locator('fieldset[data-band="7-10"] .phone-preview').scrollIntoViewIfNeeded();
  await shoot(officer, 'feedback-preview');
  await officer.getByRole('button', { name: 'Gửi phản hồi cho các em' }).click();
  await officer.getByText(/Đã gửi phản hồi cho các em lúc/).waitFor();
  check((await call('GET', `/consultations/${id}`, officerToken)).status === 'feedback_given', 'the consultation has its feedback');
  await shoot(officer, 'feedback-sent');
  await axeBoth(officer, 'feedback-sent', `/consultations/${id}/feedback`);
  await go(officer, '/consultations');
  check(await shows(officer.locator('section.status-group[data-status="feedback_given"] tr', { hasText: TITLE })), 'the list shows it with its feedback given');
  await axeBoth(officer, 'list', '/consultations');

  // --- 10. The pupils hear back: a notification and the feedback on the home page.
  const young = pupils['7-10'];
  await go(young, '/pupil');
  check(await shows(young.locator('li.notice[data-kind="consultation_feedback"]')), 'the 7–10 pupil has a notification');
  const heard = young.locator('article.consultation-feedback', { hasText: TITLE });
  check(await shows(heard), 'the feedback is on the home page');
  check((await heard.textContent()).includes(words('7-10')[1]) && !(await heard.textContent()).includes(words('11-13')[1]), 'in the 7–10 words');
  await shoot(young, 'pupil-home-heard-back');
  const meo = pupils['11-13'];
  await go(meo, '/pupil');
  check((await meo.locator('article.consultation-feedback', { hasText: TITLE }).textContent()).includes(words('11-13')[1]), 'Mèo Xanh reads the 11–13 words');
  await meo.locator('li.notice[data-kind="consultation_feedback"]').getByRole('button', { name: 'Em đã xem' }).click();
  check(await counted(meo.locator('li.notice[data-kind="consultation_feedback"]'), 0), 'the notification goes once seen');
  const read = (await apiGet(meo, '/me/notifications?limit=200')).items.find((n) => n.kind === 'consultation_feedback');
  check(read && read.read_at, 'and is marked read on the server');
  await go(meo, `/pupil/consultations/${id}`);
  check(await shows(meo.locator('article.consultation-feedback')), 'the consultation page shows the feedback too');
  await shoot(meo, 'pupil-consultation-heard-back');

  // --- axe-core on the planning pages (a draft and the published consultation), both languages.
  const draftId = (await call('POST', '/consultations', officerToken, { title: 'Bản nháp để kiểm tra', owner_unit_id: saved.owner_unit_id })).id;
  await axeBoth(officer, 'plan-new', '/consultations/new');
  await axeBoth(officer, 'plan-draft', `/consultations/${draftId}`);
  await axeBoth(officer, 'questions-draft', `/consultations/${draftId}/questions`);
  await axeBoth(officer, 'plan-published', `/consultations/${id}`);
  await axeBoth(officer, 'questions-published', `/consultations/${id}/questions`, async (p) => {
    await p.locator('.preview button').first().click();
    await p.locator('.phone-frame fieldset.question').first().waitFor();
  });
  await axeBoth(young, 'pupil-home', '/pupil');

  check(violations.length === 0, `axe-core finds no violations:\n${violations.join('\n')}`);
  for (const p of pages) check(p.errors.length === 0, `no script errors: ${p.errors.join('; ')}`);
  console.log(`consultation journey: planned, refused, fixed, published, answered, typed in, watched, closed, reported, fed back; ${step} steps at two sizes in ${shots}; axe clean`);
} catch (e) {
  await screenshotFailures(pages, 'consultation-journey');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
