// The Children's Council in the pages, from a fresh server: a session is planned, held, a
// proposal adopted by vote, minuted, a pupil is added from the list of those who could join, and
// a Council member (a child) reads the session on a phone. (A recommendation's whole way from
// children's ideas to the answer and back is walked in child_loop; a Council member following
// the Council's recommendation, in council_followup.)
import { startServer, launchBrowser, newPage, go, settled, signInAdult, signInPupil, check, PHONE, DESKTOP, shows, screenshotFailures } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
const pages = [];
const now = new Date();
const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

try {
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');
  check(await shows(moderator.getByRole('link', { name: 'Kiến nghị', exact: true })), 'the Youth Union menu has the recommendations board');

  // The Children's Council: plan a session, hold it, vote, minute it.
  await go(moderator, '/councils');
  await moderator.getByRole('link', { name: 'Hội đồng trẻ em Phường 9' }).click();
  await settled(moderator);
  check((await moderator.locator('main table', { hasText: 'Cá Heo Vàng' }).textContent()).includes('Chủ tịch'), 'the chair is listed');
  const session = 'Kỳ họp bất thường: công viên Phường 9';
  await moderator.getByLabel('Tên kỳ họp').fill(session);
  await moderator.getByLabel('Ngày họp dự kiến').fill(today);
  await moderator.getByLabel('Địa điểm').fill('Nhà văn hóa Phường 9');
  await moderator.getByRole('button', { name: 'Lên lịch', exact: true }).click();
  await moderator.getByRole('heading', { name: session, level: 1 }).waitFor();
  await settled(moderator);
  check((await moderator.locator('.session-status').textContent()) === 'Dự kiến', 'the session is planned');
  await moderator.getByRole('button', { name: 'Ghi nhận đã họp' }).click();
  await moderator.getByRole('heading', { name: 'Biểu quyết một đề xuất' }).waitFor();
  check((await moderator.locator('.session-status').textContent()) === 'Đã họp', 'the session is held');
  const proposal = 'Xin thêm thùng rác phân loại ở công viên';
  await moderator.getByLabel('Đề xuất', { exact: true }).fill(proposal);
  await moderator.getByLabel('Nội dung đề xuất').fill('Hội đồng đề nghị đặt thùng rác phân loại ở công viên Phường 9.');
  await moderator.getByLabel('Tán thành', { exact: true }).fill('4');
  await moderator.getByLabel('Không tán thành', { exact: true }).fill('1');
  await moderator.getByLabel('Không biểu quyết', { exact: true }).fill('1');
  await moderator.getByRole('button', { name: 'Ghi kết quả biểu quyết' }).click();
  const row = moderator.locator('main tr', { hasText: proposal });
  await row.waitFor();
  check((await row.textContent()).includes('Thông qua') && (await row.textContent()).includes('4 / 6 có mặt'), 'the proposal is adopted, 4 of 6');
  check(await shows(row.getByRole('link', { name: 'Mở kiến nghị' })), 'an adopted proposal becomes a recommendation');
  const minutes = 'Hội đồng họp đủ 6/6 thành viên, thông qua đề xuất thùng rác phân loại.';
  await moderator.getByRole('textbox', { name: 'Biên bản' }).fill(minutes);
  await moderator.getByRole('button', { name: 'Lưu biên bản' }).click();
  await moderator.getByText(minutes).waitFor();
  check((await moderator.locator('.session-status').textContent()) === 'Đã có biên bản', 'the session is minuted');

  // A new member from the pupils who could join: Mèo Xanh (11, both consents); not Thỏ Trắng (9,
  // under the Council's ages) nor the chair, who is a member already.
  await go(moderator, '/councils');
  await moderator.getByRole('link', { name: 'Hội đồng trẻ em Phường 9' }).click();
  await settled(moderator);
  const picker = moderator.getByLabel('Học sinh', { exact: true });
  await picker.locator('option[value^="pup_"]').first().waitFor({ state: 'attached' });
  const offered = await picker.locator('option').allTextContents();
  check(offered.some((o) => o.startsWith('Mèo Xanh — 11-13 tuổi, lớp 6A')), `Mèo Xanh is offered: ${offered.join(' | ')}`);
  check(!offered.some((o) => o.includes('Thỏ Trắng') || o.includes('Cá Heo Vàng')), `only those who could join are offered: ${offered.join(' | ')}`);
  await picker.selectOption(await picker.locator('option', { hasText: 'Mèo Xanh' }).getAttribute('value'));
  await moderator.getByRole('button', { name: 'Thêm vào Hội đồng' }).click();
  await moderator.locator('main table', { hasText: 'Mèo Xanh' }).waitFor();
  await settled(moderator);
  await picker.locator('option[value^="pup_"]').first().waitFor({ state: 'attached' });
  check(!(await picker.locator('option').allTextContents()).some((o) => o.includes('Mèo Xanh')),
    'a new member leaves the list of those who could join');

  // A Council member (the chair, 13) reads the session on a phone.
  const member = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(member);
  await signInPupil(member, 'caheo-vang-2025');
  await member.getByRole('button', { name: 'Menu' }).click();
  await member.getByRole('link', { name: 'Hội đồng của em' }).click();
  await settled(member);
  await member.getByRole('link', { name: new RegExp(session) }).click();
  await settled(member);
  check((await member.locator('main tr', { hasText: proposal }).textContent()).includes('Thông qua'), 'the member sees the vote\'s result');
  check(await shows(member.getByText(minutes)), 'the member reads the minutes');
  check(await shows(member.locator('.help-bar a[href="tel:111"]')), 'the 111 hotline is on the Council member\'s page');

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('council path: ok');
} catch (e) {
  await screenshotFailures(pages, 'council-path');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
