// A Council member (a child, on a 360×640 phone) follows what the Council adopted, only through
// the pages: the demo Council's adopted proposal is a draft ("not sent yet"); the Youth Union
// forwards it to the ward People's Committee from the recommendations board; the member sees
// the authority, the day it was sent and the due date; the official acknowledges and answers in
// part with reasons and a commitment; the member reads the decision, the reasons and the
// commitment in words — dates in Vietnamese format, Vietnam's day, no sideways scrolling, and
// no adult's name anywhere on the page.
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, check, PHONE, DESKTOP, shows, counted, screenshotFailures, artifactsDir } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
const pages = [];
const TITLE = 'Mở cửa sân trường THCS Đào Duy Anh vào sáng Chủ nhật';
// Today in Viet Nam, as the pages write it.
const vn = new Date(Date.now() + 7 * 3600 * 1000);
const today = `${String(vn.getUTCDate()).padStart(2, '0')}/${String(vn.getUTCMonth() + 1).padStart(2, '0')}/${vn.getUTCFullYear()}`;

async function signInPupil(page, code) {
  await go(page, '/pupil-sign-in');
  await page.locator('main input').first().fill(code);
  await page.locator('main form button[type=submit]').click();
  await page.waitForFunction(() => location.hash === '#/pupil');
  await settled(page);
}

try {
  const member = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(member);
  await signInPupil(member, 'caheo-vang-2025');
  await member.getByRole('button', { name: 'Menu' }).click();
  await member.getByRole('link', { name: 'Hội đồng của em' }).click();
  await settled(member);
  const card = member.locator('li.rec-followed', { hasText: TITLE });
  // What the member reads on the card, checked the way a child would look at it.
  const look = async (step) => {
    await go(member, '/pupil/council');
    await card.waitFor();
    const wide = await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(wide <= 1, `${step}: the page does not scroll sideways on a phone (${wide}px)`);
    await member.screenshot({ path: path.join(artifactsDir(), `council-followup-${step}.png`), fullPage: true });
    await card.screenshot({ path: path.join(artifactsDir(), `council-followup-${step}-card.png`) });
    const text = (await card.textContent()).replace(/\s+/g, ' ');
    check(!/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/.test(text), `${step}: no raw date on the card: ${text}`);
    check(!/moderator|official|Cá Heo Vàng/.test(text), `${step}: nobody is named on the card: ${text}`);
    return text;
  };

  let text = await look('adopted');
  check(text.includes(`Hội đồng thông qua — `) && text.includes('Gửi đến') && text.includes('Chưa gửi'),
    `the adopted proposal is not sent yet: ${text}`);
  check(!text.includes('Cơ quan trả lời'), 'no answer yet');

  // The Youth Union forwards it from the recommendations board.
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');
  await go(moderator, '/recommendations');
  await moderator.getByRole('link', { name: TITLE }).first().click();
  await moderator.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await settled(moderator);
  await moderator.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Ủy ban nhân dân Phường 9' });
  await moderator.getByLabel('Số công văn').fill('31/HĐTE-KN');
  await moderator.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await moderator.getByRole('link', { name: 'Công văn chuyển kiến nghị' }).waitFor();

  text = await look('forwarded');
  check(text.includes('Ủy ban nhân dân Phường 9'), `the member sees where it went: ${text}`);
  check(text.includes(`Đã gửi cơ quan — ${today}`) && text.includes(`Ngày gửi${today}`), `the member sees the day it was sent (${today}): ${text}`);
  check(/Hạn trả lời\d{2}\/\d{2}\/\d{4}/.test(text), `the member sees the due date: ${text}`);
  check(!text.includes('Quá hạn'), 'not overdue');

  // The official acknowledges and answers in part, with reasons and a commitment.
  const official = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(official);
  await signInAdult(official, 'official');
  await official.getByRole('link', { name: TITLE }).click();
  await settled(official);
  await official.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
  await official.getByRole('heading', { name: 'Trả lời kiến nghị' }).waitFor();

  text = await look('acknowledged');
  check(text.includes('Cơ quan đã nhận — '), `the member sees it was received: ${text}`);

  await official.getByLabel('Chấp nhận một phần', { exact: true }).check();
  const reasons = 'Sân trường mở từ 7 giờ đến 10 giờ vì cần người trông coi.';
  await official.getByLabel('Lý do').fill(reasons);
  await official.getByLabel('Việc sẽ làm').fill('Mở cửa sân trường sáng Chủ nhật');
  await official.getByLabel('Người hoặc bộ phận phụ trách').fill('Trường THCS Đào Duy Anh');
  await official.getByLabel('Hạn hoàn thành').fill('2027-03-31');
  await official.getByRole('button', { name: 'Gửi trả lời' }).click();
  await official.getByRole('heading', { name: 'Trả lời của cơ quan' }).waitFor();

  text = await look('answered');
  check(text.includes('Cơ quan đã trả lời — '), `the member sees it was answered: ${text}`);
  check(await shows(card.locator('.decision', { hasText: 'Đồng ý một phần' })), 'the decision, in a child\'s words');
  check(text.includes(`Lý do cơ quan viết: ${reasons}`), `the reasons: ${text}`);
  check(text.includes('Mở cửa sân trường sáng Chủ nhật — Trường THCS Đào Duy Anh, hạn 31/03/2027: đã lên kế hoạch'),
    `the commitment with its owner, due date and progress: ${text}`);
  check(await shows(member.getByRole('link', { name: 'Xem trang theo dõi công khai' })), 'a link to the public tracker');
  check(await shows(member.locator('.help-bar a[href="tel:111"]')), 'the 111 hotline is on the page');
  // "Sessions" is written once: the section's heading, not again as the table's caption.
  check(await counted(member.getByRole('heading', { name: 'Kỳ họp', exact: true }), 1), 'one "Sessions" heading');
  const caption = await member.locator('main caption', { hasText: 'Kỳ họp' }).boundingBox();
  check(caption.width <= 1, `the sessions table does not repeat it (its caption is ${caption.width}px wide, for screen readers only)`);
  check(await shows(member.getByRole('link', { name: 'Kỳ họp chuẩn bị Diễn đàn năm 2027' })), 'a session opens from its title');

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('council follow-up: ok');
} catch (e) {
  await screenshotFailures(pages, 'council-followup');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
