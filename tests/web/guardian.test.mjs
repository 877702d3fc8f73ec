// A guardian consents online: the facilitator makes a guardian code for a pupil; the parent types
// it on "For parents", consents and downloads the child's data; the class page then shows the
// guardian's consent as given.
import fs from 'node:fs';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, check, PHONE, DESKTOP } from './support.mjs';

const server = await startServer();
const joined = await (await fetch(`${server.url}/api/v1/pupils/join`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ code: 'DEMO6A', pseudonym: 'Voi Xám', birth_date: '2014-03-03' }),
})).json();
check(joined.pupil && joined.pupil.pseudonym === 'Voi Xám', 'a pupil joined for the test');
const browser = await launchBrowser();
try {
  const facilitator = await newPage(browser, server.url, { viewport: DESKTOP });
  await signInAdult(facilitator, 'facilitator');
  await facilitator.getByRole('link', { name: '6A', exact: true }).click();
  await settled(facilitator);
  const row = facilitator.locator('tr', { hasText: 'Voi Xám' });
  await row.getByRole('button', { name: /Mã cho phụ huynh/ }).click();
  const code = (await row.locator('.sign-in-code').textContent()).trim();
  check(code.length >= 6, `a guardian code is shown: ${code}`);

  const parent = await newPage(browser, server.url, { viewport: PHONE });
  await go(parent, '/');
  await parent.getByRole('link', { name: /Dành cho phụ huynh/ }).click();
  await settled(parent);
  await parent.getByLabel('Mã phụ huynh').fill(code);
  await parent.getByRole('button', { name: 'Tôi đồng ý cho con tham gia' }).click();
  await parent.getByText('Cảm ơn bạn. Sự đồng ý đã được ghi nhận.').waitFor();
  await parent.getByRole('button', { name: 'Tải dữ liệu của con' }).click();
  const [download] = await Promise.all([parent.waitForEvent('download'), parent.getByRole('link', { name: 'Lưu tệp (JSON)' }).click()]);
  const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  check(data.pupil.pseudonym === 'Voi Xám', 'the guardian downloads their own child\'s data');

  await go(facilitator, facilitator.url().split('#')[1]);
  const badges = await facilitator.locator('tr', { hasText: 'Voi Xám' }).locator('td').nth(3).textContent();
  check(badges.includes('đã có'), `the class shows the guardian's consent as given: ${badges}`);
  for (const p of [facilitator, parent]) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('guardian: ok');
} finally {
  await browser.close();
  await server.stop();
}
