// The golden path so far, each role in its own browser context: a facilitator makes a class;
// a pupil joins and consents; the facilitator records the guardian's paper slip; the pupil
// answers the demo consultation in their age band's words and sends an idea; a moderator
// claims and approves it; the pupil sees it approved. A worrying idea shows the 111 message.
import fs from 'node:fs';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, check, PHONE, DESKTOP, shows, screenshotFailures, counted } from './support.mjs';

function birthDateForAge(age) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCMonth(0, 15);
  if (d > new Date(new Date().setUTCFullYear(new Date().getUTCFullYear() - age))) d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

async function hasHotline(page, where) {
  check(await shows(page.locator('.help-bar a[href="tel:111"]')), `${where}: the 111 hotline is on the page`);
  check(await shows(page.locator('.help-bar a[href="#/help"]')), `${where}: "need help now?" is on the page`);
}

const server = await startServer();
const browser = await launchBrowser();
const pages = [];
try {
  // Facilitator: a new class at the ward-9 school, and its join code.
  const facilitator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(facilitator);
  await signInAdult(facilitator, 'facilitator');
  check(facilitator.url().endsWith('#/classes'), `facilitator lands on the classes page, not ${facilitator.url()}`);
  await facilitator.getByLabel(/Trường/).selectOption({ label: 'Liên đội Trường THCS Đào Duy Anh' });
  await facilitator.getByLabel('Tên lớp').fill('6D');
  await facilitator.getByLabel('Khối').fill('6');
  await facilitator.getByRole('button', { name: 'Tạo lớp' }).click();
  const codeEl = facilitator.getByTestId('new-join-code');
  await codeEl.waitFor();
  const joinCode = (await codeEl.textContent()).trim();
  check(/^[A-Z0-9-]{4,}$/.test(joinCode), `a join code is shown: ${joinCode}`);

  // Pupil, on a phone: joins as an 8-year-old and gives their own consent.
  const pupil = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(pupil);
  await go(pupil, '/join');
  await hasHotline(pupil, 'join page');
  await pupil.getByLabel('Mã lớp').fill(joinCode);
  await pupil.getByLabel('Biệt danh của em').fill('Sóc Nâu');
  await pupil.getByLabel('Ngày sinh').fill(birthDateForAge(8));
  await pupil.getByRole('button', { name: 'Tham gia' }).click();
  const signInCode = (await pupil.getByTestId('sign-in-code').textContent()).trim();
  check(signInCode.length > 5, 'the pupil is shown a personal sign-in code');
  await pupil.getByRole('button', { name: /đọc và đồng ý/ }).click();
  await settled(pupil);
  await hasHotline(pupil, 'consent page');
  const consentText = await pupil.locator('.consent-text').textContent();
  check(consentText.includes('Ở đây em có thể nói ý kiến của mình'), `the consent is worded for ages 7–10: ${consentText}`);
  await pupil.getByLabel('Em đã đọc và em đồng ý tham gia.').check();
  await pupil.getByRole('button', { name: 'Em đồng ý' }).click();
  await pupil.getByRole('heading', { name: 'Cảm ơn em!' }).waitFor();
  check(await shows(pupil.getByText('Bố mẹ hoặc người giám hộ của em chưa đồng ý', { exact: false })),
    'the pupil sees that the guardian\'s consent is still missing');

  // Facilitator: the guardian's paper slip comes back.
  await facilitator.getByRole('link', { name: /Mở lớp 6D/ }).click();
  await settled(facilitator);
  const row = facilitator.locator('tr', { hasText: 'Sóc Nâu' });
  check(await counted(row.locator('.badge-ok'), 1), 'the class shows the child\'s consent, not yet the guardian\'s');
  await row.getByLabel('Số phiếu').fill('PH-6D-001');
  await row.getByRole('button', { name: /Ghi nhận phiếu/ }).click();
  // Both consents given: the page redraws the row with two "given" badges and no slip form.
  await facilitator.locator('tr', { hasText: 'Sóc Nâu' }).locator('.badge-ok').nth(1).waitFor({ timeout: 10000 });
  check(await counted(facilitator.locator('tr', { hasText: 'Sóc Nâu' }).locator('form'), 0),
    'after the slip there is nothing more to record');

  // Facilitator: a paper questionnaire from the class is typed in and counted.
  await go(facilitator, '/paper');
  await facilitator.getByRole('link', { name: /Sân chơi và không gian xanh/ }).click();
  await settled(facilitator);
  await facilitator.getByLabel('Số hiệu đợt').fill('DDA-6D-01');
  check((await facilitator.getByLabel('Đơn vị').locator('option').allTextContents()).join() === 'Phường 9',
    'only the facilitator\'s unit that the consultation asks is offered');
  await facilitator.getByLabel('Nhóm tuổi ghi trên phiếu').selectOption('11-13');
  await facilitator.getByLabel('Sau giờ học, em hay vui chơi ở đâu nhất?').selectOption('park');
  await facilitator.getByRole('button', { name: 'Thêm phiếu này vào đợt' }).click();
  await facilitator.getByText('Đợt này có 1 phiếu.').waitFor();
  await facilitator.getByRole('button', { name: 'Lưu cả đợt' }).click();
  await facilitator.getByRole('cell', { name: 'DDA-6D-01' }).waitFor();
  check((await facilitator.locator('tr', { hasText: 'DDA-6D-01' }).textContent()).includes('Phiếu giấy'), 'the batch is listed as paper');

  // Pupil: answers the demo consultation, one question per screen, in the 7–10 wording.
  await go(pupil, '/pupil');
  await hasHotline(pupil, 'pupil home');
  check(await shows(pupil.getByText('Đã đủ! Em có thể trả lời và gửi ý kiến.')), 'the pupil sees both consents given');
  await pupil.getByRole('link', { name: /Trả lời/ }).first().click();
  await settled(pupil);
  await hasHotline(pupil, 'consultation');
  check(await shows(pupil.getByText('Em thích chơi ở đâu nhất sau giờ học?')), 'the first question is in the 7–10 wording');
  check(await counted(pupil.locator('fieldset.question'), 1), 'one question per screen for 7–10');
  check(await shows(pupil.getByText('Câu 1 / 6')), 'a progress indicator shows question 1 of 6');
  // The first answer by keyboard only: Tab to the choices, arrows to move, Space to choose.
  await pupil.locator('fieldset.question input').first().focus();
  await pupil.keyboard.press('ArrowDown');
  await pupil.keyboard.press('Space');
  check(await pupil.getByLabel('Sân trường 🏫').isChecked(), 'a choice can be made with the keyboard');
  await pupil.keyboard.press('Tab');
  await pupil.keyboard.press('Tab');
  check((await pupil.evaluate(() => document.activeElement.textContent)) === 'Câu tiếp', 'Tab reaches "Skip" then "Next" in order');
  await pupil.keyboard.press('Enter');
  await pupil.getByText('Cây xanh 🌳').click();
  await pupil.getByText('Đèn sáng 💡').click();
  await pupil.getByRole('button', { name: 'Câu tiếp' }).click();
  check(await shows(pupil.locator('.face').first()), 'the scale shows faces for 7–10');
  await pupil.getByText('Rất an toàn').click();
  await pupil.getByRole('button', { name: 'Câu tiếp' }).click();
  await pupil.getByRole('button', { name: 'Bỏ qua' }).click();
  check(await shows(pupil.getByText('Câu 5 / 6')), 'skipping moves on to question 5');
  await pupil.getByLabel('Thứ 1').selectOption('open');
  await pupil.getByRole('button', { name: 'Câu tiếp' }).click();
  await pupil.locator('fieldset.question textarea').fill('Cho chúng em chơi ở sân trường vào cuối tuần ạ.');
  await pupil.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await pupil.getByRole('heading', { name: 'Cảm ơn em đã trả lời!' }).waitFor();

  // Pupil: sends an idea.
  await go(pupil, '/pupil/idea');
  await hasHotline(pupil, 'idea page');
  const idea = 'Em muốn có thêm cây xanh và đèn sáng ở sân chơi phường 9.';
  await pupil.getByLabel('Điều em muốn nói', { exact: true }).fill(idea);
  await pupil.getByRole('button', { name: 'Gửi', exact: true }).click();
  await pupil.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  check(await counted(pupil.locator('.support'), 0), 'an everyday idea shows no support message');

  // A worrying idea: the 111 support message shows at once.
  await go(pupil, '/pupil/idea');
  await pupil.getByLabel('Điều em muốn nói', { exact: true }).fill('Bố em hay đánh em đau lắm');
  await pupil.getByRole('button', { name: 'Gửi', exact: true }).click();
  await pupil.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  check(await shows(pupil.locator('.support a[href="tel:111"]')), 'the 111 support message shows after a possible disclosure');
  const confirmation = await pupil.locator('main').textContent();
  check(!/\bnull\b|undefined/.test(confirmation), `no stray word on the confirmation: ${confirmation}`);
  check(!confirmation.includes('Đoàn Thanh niên sẽ đọc'), 'the page does not also say the Youth Union will read it');

  // Moderator: the normal queue, claim, read, approve.
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');
  check(moderator.url().endsWith('#/moderation'), 'the moderator lands on the queues');
  const normal = moderator.locator('[data-queue="normal"]');
  check(/[1-9]\d* mục đang chờ/.test(await normal.locator('.queue-count').textContent()), 'the normal queue counts the idea');
  check(await counted(moderator.locator('[data-queue="safeguarding"]'), 0), 'a moderator does not see the safeguarding queue');
  await normal.getByRole('link').click();
  await settled(moderator);
  await moderator.locator('tr', { hasText: 'Sóc Nâu' }).filter({ hasText: 'Ý tưởng' }).getByRole('link', { name: /Mở/ }).click();
  await settled(moderator);
  check((await moderator.getByTestId('child-text').textContent()).includes(idea), 'the moderator reads the idea');
  await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
  await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
  await moderator.getByText('Đã lưu: Duyệt.').waitFor();

  // Pupil: the idea is approved, in words for children (reached through the phone's menu).
  await go(pupil, '/pupil');
  check(!(await pupil.getByRole('link', { name: 'Ý kiến của em', exact: true }).isVisible()), 'on a phone the menu starts folded');
  await pupil.getByRole('button', { name: 'Menu' }).click();
  await pupil.getByRole('link', { name: 'Ý kiến của em', exact: true }).click();
  await settled(pupil);
  await pupil.getByRole('heading', { name: 'Ý kiến của em' }).waitFor();
  const card = pupil.locator('li.card', { hasText: idea });
  check((await card.getAttribute('data-status')) === 'approved', 'the idea is approved');
  check((await card.locator('.status-text').textContent()).includes('Đã được duyệt'), 'the status is in words for children');
  const worrying = pupil.locator('li.card', { hasText: 'Bố em hay đánh em' });
  check(await shows(worrying.locator('.support')), 'the worrying idea keeps the support message in "my ideas"');

  // The pupil downloads their data, and asks for it to be deleted.
  await go(pupil, '/pupil/data');
  await hasHotline(pupil, 'data page');
  const [download] = await Promise.all([pupil.waitForEvent('download'), pupil.getByRole('link', { name: 'Tải về (JSON)' }).click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  check(exported.pupil.pseudonym === 'Sóc Nâu' && exported.consents.length === 2, 'the download holds the pupil\'s record and both consents');
  await pupil.getByRole('button', { name: 'Gửi yêu cầu xoá' }).click();
  await pupil.getByText('Đã gửi yêu cầu. Người lớn sẽ trả lời trong 2 ngày làm việc.').waitFor();
  await go(pupil, '/pupil/ideas');

  // English is a choice away, and stays chosen.
  await pupil.getByRole('button', { name: 'English' }).click();
  await pupil.getByRole('heading', { name: 'My ideas' }).waitFor();
  check((await pupil.locator('li.card', { hasText: idea }).locator('.status-text').textContent()).startsWith('Accepted!'),
    'the status reads in English');
  check((await pupil.evaluate(() => document.documentElement.lang)) === 'en', '<html lang> says English');
  await pupil.reload();
  await pupil.getByRole('heading', { name: 'My ideas' }).waitFor();

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('golden path: ok');
} catch (e) {
  await screenshotFailures(pages, 'golden-path');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
