// A Youth Union officer plans a consultation in the pages alone (the API only reads back): the
// plan, one question of every type worded for every age band, a preview as a child of two bands,
// a refused publish whose problems show beside their fields, the fixes, the publish, and what is
// locked afterwards. Two pupils of different bands answer on phones, each in their band's words;
// a facilitator reads how many answered, never who. Every step is saved as a screenshot at
// 360×640 and 1280×800 (build/web-artifacts/consultation-plan/), and axe-core checks each new
// page in Vietnamese and English at both sizes.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, axe, artifactsDir, check, shows, counted, screenshotFailures, PHONE, DESKTOP, PASSWORD } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
const shots = path.join(artifactsDir(), 'consultation-plan');
fs.mkdirSync(shots, { recursive: true });
const pages = [];

async function call(method, url, token, body) {
  const response = await fetch(`${server.url}/api/v1${url}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

// A step seen at both sizes: the desktop page, then the same page at a phone's size.
let step = 0;
async function shoot(page, name) {
  step += 1;
  const size = page.viewportSize();
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

// Vietnam time (UTC+7) as a datetime-local field takes it, `hours` from now.
function vnInput(hours) {
  const d = new Date(Date.now() + hours * 3600 * 1000 + 7 * 3600 * 1000);
  return d.toISOString().slice(0, 16);
}
function day(days) {
  return new Date(Date.now() + days * 86400 * 1000).toISOString().slice(0, 10);
}

const BANDS = ['7-10', '11-13', '14-15', '16-17'];
const TYPES = ['single', 'multiple', 'scale', 'yes_no', 'ranking', 'text'];
const wording = (i, band) => `Câu ${i + 1} cho tuổi ${band}: em nghĩ gì về thư viện?`;
const optionWording = (i, j, band) => `Lựa chọn ${j + 1} câu ${i + 1} (${band})`;
const cell = (page, field) => page.locator(`[data-field="${field}"]`);

try {
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');

  // The menu leads to the list; the list leads to a new plan.
  await moderator.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Lấy ý kiến trẻ em' }).click();
  await settled(moderator);
  check(await shows(moderator.getByRole('heading', { name: 'Lấy ý kiến trẻ em', level: 1 })), 'the consultations list opens from the menu');
  check(await shows(moderator.locator('tr', { hasText: 'Sân chơi' }).locator('a[href$="/participation"]', { hasText: 'Theo dõi tham gia' })),
    'the demo consultation (open) leads to its participation page');
  await shoot(moderator, 'list');
  await moderator.getByRole('link', { name: 'Lập kế hoạch lấy ý kiến mới' }).click();
  await settled(moderator);

  // The plan, with the decision and one card's "hear back" left out.
  await moderator.getByLabel('Tên cuộc lấy ý kiến').fill('Thư viện trường học của em');
  await moderator.getByLabel('Mục đích', { exact: true }).fill('Hỏi các em về thư viện để Phòng Giáo dục chọn việc làm trước.');
  await moderator.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Quận Phú Nhuận' });
  await moderator.getByRole('group', { name: 'Đơn vị có trẻ em được hỏi' }).getByLabel('Phường 9').check();
  for (const band of BANDS) check(await moderator.getByLabel(`${band} tuổi`).isChecked(), `band ${band} is asked by default`);
  await moderator.getByLabel('Mở lúc').fill(vnInput(-1));
  await moderator.getByLabel('Đóng lúc').fill(vnInput(24 * 30));
  await moderator.getByLabel('Ai quyết định').fill('Phòng Giáo dục quận');
  await moderator.getByLabel('Ngày quyết định').fill(day(45));
  await moderator.getByLabel('Ngày trẻ em được biết kết quả').fill(day(60));
  for (const band of BANDS) {
    await cell(moderator, `info_cards.${band}.why`).locator('textarea').fill(`Phòng Giáo dục muốn biết em cần gì ở thư viện (${band}).`);
    await cell(moderator, `info_cards.${band}.who_reads`).locator('textarea').fill('Đoàn Thanh niên quận đọc và tổng hợp.');
    if (band !== '7-10') await cell(moderator, `info_cards.${band}.hear_back`).locator('textarea').fill('Trước Tết em sẽ biết kết quả.');
  }
  await shoot(moderator, 'plan-new');
  await moderator.getByRole('button', { name: 'Lưu bản nháp và viết câu hỏi' }).click();
  await moderator.waitForFunction(() => /\/questions$/.test(location.hash));
  await settled(moderator);
  const id = decodeURIComponent(moderator.url().match(/consultations\/([^/]+)\/questions/)[1]);
  const moderatorToken = (await call('POST', '/auth/login', null, { username: 'moderator', password: PASSWORD })).token;
  check((await call('GET', `/consultations/${id}`, moderatorToken)).status === 'draft', 'the plan is saved as a draft');

  // One question of every type; every wording filled but one option's 14–15 wording.
  for (const type of TYPES) {
    await moderator.getByLabel('Loại câu hỏi mới').selectOption(type);
    await moderator.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  }
  check(await counted(moderator.locator('section.question-edit'), 6), 'six questions are being written');
  // A seventh question moves up, then goes: the six stay in their order.
  await moderator.getByLabel('Loại câu hỏi mới').selectOption('yes_no');
  await moderator.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  await moderator.locator('section.question-edit').nth(6).getByRole('button', { name: /^Lên Câu 7/ }).click();
  check(await shows(moderator.locator('section.question-edit').nth(5).getByRole('heading', { name: 'Câu 6: Có / Không' })), 'the new question moved up to sixth');
  check(await shows(moderator.locator('section.question-edit').nth(6).getByRole('heading', { name: 'Câu 7: Viết tự do' })), 'and the free text moved down to seventh');
  await moderator.locator('section.question-edit').nth(5).getByRole('button', { name: /^Xoá Câu 6/ }).last().click();
  check(await counted(moderator.locator('section.question-edit'), 6), 'the extra question is removed');
  check(await shows(moderator.locator('section.question-edit').nth(5).getByRole('heading', { name: 'Câu 6: Viết tự do' })), 'the free text is sixth again');
  check((await moderator.locator('.gap-note:not(:empty)').count()) > 20, 'every missing wording is marked before it is written');
  await shoot(moderator, 'questions-empty');
  for (const [i, type] of TYPES.entries()) {
    for (const band of BANDS) await cell(moderator, `questions[${i}].text.${band}`).locator('textarea').fill(wording(i, band));
    if (['single', 'multiple', 'ranking'].includes(type)) {
      for (const j of [0, 1]) {
        for (const band of BANDS) {
          if (i === 0 && j === 1 && band === '14-15') continue;
          await cell(moderator, `questions[${i}].options[${j}].text.${band}`).locator('input').fill(optionWording(i, j, band));
        }
      }
    }
    if (type === 'scale') {
      const labels = ['Rất tệ', 'Tệ', 'Bình thường', 'Tốt', 'Rất tốt'];
      for (const band of BANDS) {
        const inputs = cell(moderator, `questions[${i}].scale_labels.${band}`).locator('input');
        for (let k = 0; k < 5; k += 1) await inputs.nth(k).fill(band === '7-10' ? `${labels[k]} (nhỏ)` : labels[k]);
      }
    }
  }
  check(await counted(moderator.locator('.gap-note:not(:empty)'), 1), 'one wording is still missing, and it shows');
  await moderator.getByRole('button', { name: 'Lưu bản nháp' }).click();
  check(await shows(moderator.getByText(/Đã lưu lúc/)), 'the draft saves with a wording missing');

  // The preview as a child of 7–10 (one question per screen, faces) and of 14–15.
  await moderator.getByRole('button', { name: 'Xem như em 7-10 tuổi' }).click();
  const frame = moderator.locator('.phone-frame[data-band="7-10"]');
  check(await shows(frame.getByText(wording(0, '7-10'))), 'the 7–10 preview shows the 7–10 wording');
  check(await counted(frame.locator('fieldset.question'), 1), 'the 7–10 preview has one question per screen');
  check((await frame.boundingBox()).width <= 360, 'the preview is a phone wide');
  await frame.getByRole('button', { name: 'Câu tiếp' }).click();
  await frame.getByRole('button', { name: 'Câu tiếp' }).click();
  check(await shows(frame.locator('.face').first()), 'the 7–10 preview shows faces on the scale');
  check(await shows(frame.getByText('Rất tốt (nhỏ)')), 'the scale reads in the 7–10 labels');
  await shoot(moderator, 'preview-7-10');
  await moderator.getByRole('button', { name: 'Xem như em 14-15 tuổi' }).click();
  const teenFrame = moderator.locator('.phone-frame[data-band="14-15"]');
  check(await shows(teenFrame.getByText(wording(0, '14-15'))), 'the 14–15 preview shows the 14–15 wording');
  check(await counted(teenFrame.locator('fieldset.question'), 6), 'the 14–15 preview shows every question on one page');
  check(await counted(teenFrame.locator('.face'), 0), 'no faces for 14–15');
  await shoot(moderator, 'preview-14-15');

  // Publishing is refused: each problem beside its field, on this page and on the plan.
  await moderator.getByRole('button', { name: 'Công bố cuộc lấy ý kiến' }).click();
  check(await shows(moderator.getByText('Chưa công bố được: hãy sửa các mục được đánh dấu ⚠.')), 'the refusal is announced');
  check(await shows(cell(moderator, 'questions[0].options[1].text.14-15').locator('.field-problem', { hasText: 'Chưa có lời cho trẻ 14-15 tuổi.' })),
    'the missing option wording is named beside its field');
  check(await moderator.locator('[data-field="questions[0].options[1].text.14-15"] input').getAttribute('aria-invalid') === 'true', 'the field is marked invalid');
  check(await shows(moderator.locator('.problem-summary').getByRole('link', { name: 'Cần nói ý kiến giúp đưa ra quyết định nào.' })),
    'the plan\'s problems are listed with a link to the plan');
  check(await shows(moderator.locator('.problem-summary').getByRole('link', { name: 'Câu 1 · Lựa chọn 2: Chưa có lời cho trẻ 14-15 tuổi.' })),
    'the summary says which question and option lacks a wording');
  await shoot(moderator, 'publish-refused-questions');
  const fromApi = await fetch(`${server.url}/api/v1/consultations/${id}/publish`, { method: 'POST', headers: { Authorization: `Bearer ${moderatorToken}`, 'Content-Type': 'application/json' }, body: '{}' });
  const apiProblems = (await fromApi.json()).error.problems.map((p) => p.field).sort();
  check(fromApi.status === 422 && apiProblems.join() === ['decision', 'info_cards.7-10.hear_back', 'questions[0].options[1].text.14-15'].sort().join(),
    `the API names the same three problems: ${apiProblems}`);

  await moderator.locator('.problem-summary').getByRole('link', { name: 'Cần nói ý kiến giúp đưa ra quyết định nào.' }).click();
  await settled(moderator);
  check(await shows(cell(moderator, 'decision').locator('.field-problem', { hasText: 'Cần nói ý kiến giúp đưa ra quyết định nào.' })), 'the decision\'s problem is beside it on the plan');
  check(await shows(cell(moderator, 'info_cards.7-10.hear_back').locator('.field-problem')), 'the 7–10 card\'s problem is beside it');
  await shoot(moderator, 'publish-refused-plan');
  await moderator.getByLabel('Quyết định mà ý kiến trẻ em giúp đưa ra').fill('Kế hoạch thư viện trường học năm 2027');
  check(await counted(cell(moderator, 'decision').locator('.field-problem'), 0), 'a problem goes once its field is edited');
  check(await counted(moderator.locator('.problem-summary li'), 2), 'and leaves the summary');
  await cell(moderator, 'info_cards.7-10.hear_back').locator('textarea').fill('Trước Tết em sẽ biết.');
  await moderator.getByRole('button', { name: 'Lưu', exact: true }).click();
  check(await shows(moderator.getByText(/Đã lưu lúc/)), 'the plan saves');
  await moderator.getByRole('link', { name: 'Viết câu hỏi →' }).click();
  await settled(moderator);
  await cell(moderator, 'questions[0].options[1].text.14-15').locator('input').fill(optionWording(0, 1, '14-15'));
  await moderator.getByRole('button', { name: 'Công bố cuộc lấy ý kiến' }).click();
  check(await shows(moderator.locator('.lead .badge', { hasText: 'Đang mở' })), 'the consultation is published');

  // Published: structure locked, wording still editable; on the plan, the audience is locked.
  check(await moderator.locator('[data-field="questions[0]"] select').first().isDisabled(), 'the question type is locked');
  check(await counted(moderator.getByRole('button', { name: 'Thêm câu hỏi' }), 0), 'no question can be added');
  check(await counted(moderator.getByRole('button', { name: /^Xoá/ }), 0), 'no question or option can be removed');
  check(!(await cell(moderator, 'questions[0].text.7-10').locator('textarea').isDisabled()), 'the wording can still be fixed');
  check(await shows(moderator.getByText('🔒').first()), 'the locked fields say so');
  await shoot(moderator, 'published-questions');
  await go(moderator, `/consultations/${encodeURIComponent(id)}`);
  check(await moderator.getByLabel(/Tên cuộc lấy ý kiến/).isDisabled(), 'the title is locked');
  check(await moderator.getByRole('group', { name: /Đơn vị có trẻ em được hỏi/ }).getByLabel('Phường 9').isDisabled(), 'the audience is locked');
  check(!(await moderator.getByLabel(/Đóng lúc/).isDisabled()), 'the closing time can still move');
  await shoot(moderator, 'published-plan');

  // Read back: published, six questions of six types, each worded for every band.
  const saved = await call('GET', `/consultations/${id}`, moderatorToken);
  check(saved.status === 'published', 'the API has it published');
  check(saved.questions.map((q) => q.type).join() === TYPES.join(), `one question of every type: ${saved.questions.map((q) => q.type)}`);
  for (const q of saved.questions) check(BANDS.every((b) => q.text[b]), `question ${q.id} is worded for every band`);
  check(saved.info_cards['7-10'].hear_back === 'Trước Tết em sẽ biết.', 'the fixed card is saved');
  check(Date.parse(saved.opens_at) < Date.now() && Date.parse(saved.opens_at) > Date.now() - 2 * 3600 * 1000,
    `the opening time entered in Vietnam time is stored in UTC: ${saved.opens_at}`);

  // Two pupils of different bands answer on phones, each in their band's words.
  for (const [code, band] of [['meo-xanh-2024', '11-13'], ['tho-trang-2026', '7-10']]) {
    const pupil = await newPage(browser, server.url, { viewport: PHONE });
    pages.push(pupil);
    await go(pupil, '/pupil-sign-in');
    await pupil.locator('main input').first().fill(code);
    await pupil.locator('main form button[type=submit]').click();
    await pupil.waitForFunction(() => location.hash.startsWith('#/pupil'));
    await settled(pupil);
    await pupil.getByRole('link', { name: /Thư viện trường học của em/ }).click();
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
      await pupil.getByText('Rất tốt', { exact: true }).click();
    }
    await pupil.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await pupil.getByRole('heading', { name: 'Cảm ơn em đã trả lời!' }).waitFor();
    await shoot(pupil, `pupil-${band}-sent`);
  }
  // Two answers are fewer than the minimum group: the API publishes no count, not even to planners.
  check((await call('GET', `/consultations/${id}`, moderatorToken)).responses === null, 'two answers are hidden');

  // The facilitator reads the list: the consultation, and a count that hides a group of two.
  const facilitator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(facilitator);
  await signInAdult(facilitator, 'facilitator');
  await facilitator.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Lấy ý kiến trẻ em' }).click();
  await settled(facilitator);
  const row = facilitator.locator('tr', { hasText: 'Thư viện trường học của em' });
  check(await shows(row), 'the facilitator sees the consultation open to their school');
  check(await shows(row.getByText('Ẩn (dưới 5 em)')), 'two answers are too few to show');
  check(await counted(facilitator.getByRole('link', { name: 'Lập kế hoạch lấy ý kiến mới' }), 0), 'a facilitator cannot plan');
  await shoot(facilitator, 'facilitator-list');

  // axe-core on each new page, in Vietnamese and English, at both sizes.
  const draftId = (await call('POST', '/consultations', moderatorToken, { title: 'Bản nháp để kiểm tra', owner_unit_id: saved.owner_unit_id })).id;
  const checks = [
    [moderator, 'list', '/consultations'], [moderator, 'plan-new', '/consultations/new'],
    [moderator, 'plan-draft', `/consultations/${draftId}`], [moderator, 'questions-draft', `/consultations/${draftId}/questions`],
    [moderator, 'plan-published', `/consultations/${id}`], [moderator, 'questions-published', `/consultations/${id}/questions`],
    [facilitator, 'facilitator-list', '/consultations']];
  const failures = [];
  for (const lang of ['vi', 'en']) {
    for (const [page, name, route] of checks) {
      await page.evaluate((l) => localStorage.setItem('langnghe.lang', l), lang);
      for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
        await page.setViewportSize(viewport);
        await go(page, route);
        if (name === 'questions-published') {
          await page.locator('.preview button').first().click();
          await page.locator('.phone-frame fieldset.question').first().waitFor();
        }
        const violations = await axe(page);
        if (violations.length) failures.push(`${name} ${lang} ${label}: ${JSON.stringify(violations)}`);
        if (lang === 'en') await page.screenshot({ path: path.join(shots, `en-${name}-${label}.png`), fullPage: true });
      }
    }
  }
  check(!failures.length, `axe-core finds no violations:\n${failures.join('\n')}`);
  for (const p of pages) check(!p.errors.length, `no script errors: ${p.errors.join('; ')}`);
  console.log(`consultation plan: planned, refused, fixed, published, answered in two bands; ${step} steps at two sizes`);
} catch (e) {
  await screenshotFailures(pages, 'consultation-plan');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
