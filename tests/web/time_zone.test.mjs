// A deployment in another zone than Viet Nam's (Europe/Paris: UTC+1 in winter, +2 in summer):
// a consultation's opening and closing times typed in the plan's fields are stored as the right
// UTC instants on both sides of the daylight-saving change, and read back into the fields as
// typed; the dispatch date a recommendation is forwarded with defaults to Paris's today, and the
// due date and working days left are counted from it.
import { startServer, launchBrowser, newPage, go, settled, signInAdult, check, DESKTOP, screenshotFailures } from './support.mjs';

const server = await startServer({ args: ['--time-zone', 'Europe/Paris'] });
const browser = await launchBrowser();
const pages = [];
const apiGet = (page, url) => page.evaluate(async (u) => (await fetch(`/api/v1${u}`)).json(), url);
// Today in Paris, as a date field holds it.
const parisToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const TITLE = 'Mở cửa sân trường THCS Đào Duy Anh vào sáng Chủ nhật';

try {
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');

  // Winter and summer times typed in Paris's time.
  await go(moderator, '/consultations/new');
  await moderator.getByLabel('Tên cuộc lấy ý kiến').fill('Giờ mở thư viện');
  await moderator.getByLabel('Mở lúc').fill('2027-01-15T09:00');
  await moderator.getByLabel('Đóng lúc').fill('2027-07-01T18:30');
  await moderator.getByRole('button', { name: 'Lưu bản nháp và viết câu hỏi' }).click();
  await moderator.waitForFunction(() => /\/questions$/.test(location.hash));
  await settled(moderator);
  const id = decodeURIComponent(moderator.url().match(/consultations\/([^/]+)\/questions/)[1]);
  const saved = await apiGet(moderator, `/consultations/${encodeURIComponent(id)}`);
  check(saved.opens_at === '2027-01-15T08:00:00Z', `09:00 in Paris in January is 08:00 UTC, not ${saved.opens_at}`);
  check(saved.closes_at === '2027-07-01T16:30:00Z', `18:30 in Paris in July is 16:30 UTC, not ${saved.closes_at}`);
  await go(moderator, `/consultations/${encodeURIComponent(id)}`);
  check(await moderator.getByLabel('Mở lúc').inputValue() === '2027-01-15T09:00', 'the opening time reads back as typed');
  check(await moderator.getByLabel('Đóng lúc').inputValue() === '2027-07-01T18:30', 'the closing time reads back as typed');

  // Forwarding the Council's adopted proposal: the dispatch date is Paris's today.
  await go(moderator, '/recommendations');
  await moderator.getByRole('link', { name: TITLE }).first().click();
  await moderator.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await settled(moderator);
  const dateField = moderator.getByLabel('Ngày công văn');
  check(await dateField.inputValue() === parisToday, `the dispatch date is Paris's today (${parisToday}), not ${await dateField.inputValue()}`);
  await moderator.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Ủy ban nhân dân Phường 9' });
  await moderator.getByLabel('Số công văn').fill('9/HĐTE-KN');
  await moderator.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await moderator.getByRole('link', { name: 'Công văn chuyển kiến nghị' }).waitFor();
  const recId = decodeURIComponent(moderator.url().split('/').pop());
  const rec = await apiGet(moderator, `/recommendations/${encodeURIComponent(recId)}`);
  check(rec.dispatch_date === parisToday, `sent on Paris's today: ${rec.dispatch_date}`);
  check(rec.working_days_left === 30, `30 working days are left on the day it is sent in Paris: ${rec.working_days_left}`);
  const [y, m, d] = rec.due_date.split('-');
  const meta = await moderator.locator('main dl.meta').first().textContent();
  check(meta.includes(`Hạn ${d}/${m}/${y} (còn 30 ngày làm việc)`), `the page shows the due date and the days left: ${meta}`);

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('time zone: ok');
} catch (e) {
  await screenshotFailures(pages, 'time-zone');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
