// A guardian consents online: the facilitator prints the class's guardian slips (one per child
// without a guardian's answer, each with its own code); the parent types their slip's code on
// "For parents", sees which child it is for and what they agree to, consents, downloads the
// child's data; the same code cannot consent a second time; the class page then shows the
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
  const classUrl = facilitator.url().split('#')[1];
  await facilitator.getByRole('link', { name: 'In phiếu gửi phụ huynh' }).click();
  await settled(facilitator);
  await facilitator.getByRole('button', { name: 'Tạo mã và phiếu' }).click();
  const slip = facilitator.locator('.guardian-slip', { hasText: 'Voi Xám' });
  await slip.waitFor();
  const slipText = await slip.textContent();
  check(slipText.includes('Thu thập những gì') && slipText.includes('Từ chối hoặc rút lại') && slipText.includes('☐ Tôi đồng ý'),
    'the slip says what is collected, how to refuse, and can be answered on paper');
  const code = (await slip.locator('.code').textContent()).trim();
  check(/^G-[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(code), `the slip carries the child's guardian code: ${code}`);
  await facilitator.getByRole('button', { name: 'In', exact: true }).waitFor();

  const parent = await newPage(browser, server.url, { viewport: PHONE });
  await go(parent, '/');
  await parent.getByRole('link', { name: /Dành cho phụ huynh/ }).click();
  await settled(parent);
  // A wrong code: the message is Vietnamese only.
  await parent.getByLabel('Mã phụ huynh').fill('G-AAAAA-AAAAA');
  await parent.getByRole('button', { name: 'Xem mã này dành cho ai' }).click();
  const wrong = parent.getByText('Mã phụ huynh chưa đúng hoặc đã hết hạn.', { exact: false });
  await wrong.waitFor();
  check(!/guardian|code|expired/i.test(await wrong.textContent()), 'the wrong-code message has no English in it');

  await parent.getByLabel('Mã phụ huynh').fill(code);
  await parent.getByRole('button', { name: 'Xem mã này dành cho ai' }).click();
  const named = parent.locator('.child-named');
  await named.waitFor();
  check((await named.textContent()).includes('Voi Xám') && (await named.textContent()).includes('6A'), 'the page names the child and the class');
  for (const part of ['Thu thập những gì', 'Để làm gì', 'Giữ trong bao lâu', 'Ai được xem', 'Từ chối hoặc rút lại']) {
    check(await parent.getByText(part, { exact: true }).isVisible(), `the guardian reads "${part}" before deciding`);
  }
  check(await parent.getByRole('button', { name: 'Tôi không đồng ý' }).isVisible(), 'refusing is one button, beside consenting');
  await parent.getByRole('button', { name: 'Tôi đồng ý cho con tham gia' }).click();
  await parent.getByText('Cảm ơn bạn. Sự đồng ý cho Voi Xám tham gia đã được ghi nhận.').waitFor();
  // The same code a second time is refused.
  await parent.getByRole('button', { name: 'Tôi đồng ý cho con tham gia' }).click();
  await parent.getByText('Mã này đã được dùng cho việc này rồi.', { exact: false }).waitFor();
  await parent.getByRole('button', { name: 'Tải dữ liệu của con' }).click();
  const [download] = await Promise.all([parent.waitForEvent('download'), parent.getByRole('link', { name: 'Lưu tệp (JSON)' }).click()]);
  const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  check(data.pupil.pseudonym === 'Voi Xám', 'the guardian downloads their own child\'s data');

  await go(facilitator, classUrl);
  const badges = await facilitator.locator('tr', { hasText: 'Voi Xám' }).locator('td').nth(3).textContent();
  check(badges.includes('đã có'), `the class shows the guardian's consent as given: ${badges}`);
  for (const p of [facilitator, parent]) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('guardian: ok');
} finally {
  await browser.close();
  await server.stop();
}
