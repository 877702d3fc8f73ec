// The rest of the golden path, from a fresh server, each role in its own browser context: a
// pupil sends two ideas and a moderator approves them; the Youth Union compiles the one gathered
// from the moderation page and one ticked in the ward's list of approved ideas into a
// recommendation and forwards it to the ward People's Committee (the forwarding letter opens,
// printable); the official acknowledges and answers with a decision, reasons and a commitment;
// the Youth Union writes the children's feedback and reports back; the pupil reads it under "My
// ideas" and disagrees, and the disagreement reaches the Youth Union and the moderation queue.
// Then the Children's Council: a session is planned, held, a proposal adopted by vote, minuted,
// a pupil is added from the list of those who could join, and a Council member (a child) reads
// the session.
import { startServer, launchBrowser, newPage, go, settled, signInAdult, signInPupil, writeFeedback, check, PHONE, DESKTOP, shows, screenshotFailures, counted } from './support.mjs';

const server = await startServer();
const browser = await launchBrowser();
const pages = [];
const now = new Date();
const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

// A GET through the page's own session (the cookie), as the page itself would.
const apiGet = (page, url) => page.evaluate(async (u) => (await fetch(`/api/v1${u}`)).json(), url);
const statusOf = async (page) => (await page.locator('main .rec-status').first().textContent()).trim();

try {
  // A pupil (11, both consents) sends an idea.
  const pupil = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(pupil);
  await signInPupil(pupil, 'meo-xanh-2024');
  await go(pupil, '/pupil/idea');
  const idea = 'Chúng em muốn có thêm ghế đá và vòi nước uống ở công viên phường 9.';
  await pupil.getByLabel('Điều em muốn nói', { exact: true }).fill(idea);
  await pupil.getByRole('button', { name: 'Gửi', exact: true }).click();
  await pupil.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  const second = 'Em mong thư viện trường mở cửa vào sáng thứ Bảy để chúng em đọc sách.';
  await go(pupil, '/pupil/idea');
  await pupil.getByLabel('Điều em muốn nói', { exact: true }).fill(second);
  await pupil.getByRole('button', { name: 'Gửi', exact: true }).click();
  await pupil.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  const sent = (await apiGet(pupil, '/submissions?limit=100')).items;
  const mine = sent.find((s) => s.text === idea);
  const mine2 = sent.find((s) => s.text === second);
  check(mine && mine2, 'both ideas are stored');

  // The moderator approves it, and gathers it for a recommendation.
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');
  check(await shows(moderator.getByRole('link', { name: 'Kiến nghị', exact: true })), 'the Youth Union menu has the recommendations board');
  // The second idea is approved and left in the ward's list of approved ideas.
  await go(moderator, `/moderation/items/${mine2.id}`);
  await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
  await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
  await moderator.getByText('Đã lưu: Duyệt.').waitFor();
  await go(moderator, `/moderation/items/${mine.id}`);
  await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
  await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
  await moderator.getByText('Đã lưu: Duyệt.').waitFor();
  await moderator.getByRole('button', { name: 'Thêm vào kiến nghị' }).click();
  await moderator.getByText('Đã gom 1 ý kiến.').waitFor();
  await moderator.getByRole('link', { name: 'Soạn kiến nghị' }).click();
  await settled(moderator);
  check((await moderator.locator('main .idea-text').first().textContent()).includes(idea), 'the compile page quotes the approved idea');
  check((await moderator.getByLabel('Đơn vị').locator('option:checked').textContent()) === 'Phường 9', 'the idea\'s own ward is chosen');
  // The ward's approved ideas are listed to tick: the gathered one is ticked already.
  const gatheredBox = moderator.getByRole('checkbox', { name: idea });
  check(await gatheredBox.isChecked() && await gatheredBox.isDisabled(), 'the gathered idea is ticked in the list');
  const secondBox = moderator.getByRole('checkbox', { name: second });
  check(!(await secondBox.isChecked()), 'the other approved idea waits to be ticked');
  await secondBox.check();
  const title = 'Ghế đá và nước uống ở công viên Phường 9';
  await moderator.getByLabel('Tên kiến nghị').fill(title);
  await moderator.getByLabel('Nội dung kiến nghị').fill('Các em đề nghị đặt thêm ghế đá và vòi nước uống sạch ở công viên Phường 9.');
  await moderator.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await moderator.getByRole('heading', { name: title, level: 1 }).waitFor();
  await settled(moderator);
  check(await statusOf(moderator) === 'Bản nháp', `a new recommendation is a draft, not ${await statusOf(moderator)}`);
  const recId = decodeURIComponent(moderator.url().split('/').pop());
  const quoted = await moderator.locator('main ul.quotes').textContent();
  check(quoted.includes(idea) && quoted.includes(second), 'the recommendation quotes the gathered and the ticked idea');

  // Forwarded to the ward People's Committee, with a dispatch number; the letter prints.
  await moderator.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Ủy ban nhân dân Phường 9' });
  check(await counted(moderator.getByText('Để trống: theo thời hạn của cơ quan này, 30 ngày làm việc.'), 1), 'the authority\'s own due days are named');
  await moderator.getByLabel('Số công văn').fill('25/ĐTN-KN');
  await moderator.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await moderator.getByRole('link', { name: 'Công văn chuyển kiến nghị' }).waitFor();
  check(await statusOf(moderator) === 'Đã gửi cơ quan', 'the recommendation is forwarded');
  // 30 working days from the dispatch date (29 left when the server's day in Vietnam is already tomorrow).
  check(/Hạn .+ \(còn (29|30) ngày làm việc\)/.test(await moderator.locator('main dl.meta').first().textContent()), 'the due date counts 30 working days');
  const [letter] = await Promise.all([moderator.waitForEvent('popup'), moderator.getByRole('link', { name: 'Công văn chuyển kiến nghị' }).click()]);
  await letter.waitForLoadState();
  const letterText = await letter.locator('body').textContent();
  check(letterText.includes('Kính gửi: Ủy ban nhân dân Phường 9') && letterText.includes('25/ĐTN-KN') && letterText.includes(idea),
    'the forwarding letter names the authority, the dispatch number and quotes the child');
  await letter.close();
  await go(moderator, '/recommendations');
  check(await counted(moderator.locator('[data-group="forwarded"] .rec-card', { hasText: title }), 1), 'the board lists it under "forwarded"');
  const overdue = moderator.locator('[data-group="overdue"] .rec-card').first();
  check((await overdue.locator('.badge-late').textContent()).includes('Quá hạn'), 'an overdue item says so in words, not only by colour');

  // The official acknowledges and answers: partly accepted, with reasons and a commitment.
  const official = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(official);
  await signInAdult(official, 'official');
  check(official.url().endsWith('#/official'), `the official lands on their inbox, not ${official.url()}`);
  await official.getByRole('link', { name: title }).click();
  await settled(official);
  await official.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
  await official.getByRole('heading', { name: 'Trả lời kiến nghị' }).waitFor();
  check(await statusOf(official) === 'Cơ quan đã nhận', 'acknowledged');
  await official.getByLabel('Chấp nhận một phần', { exact: true }).check();
  const reasons = 'Phường lắp vòi nước trong năm nay; ghế đá cần chờ kinh phí năm sau.';
  await official.getByRole('button', { name: 'Gửi trả lời' }).click();
  await official.getByText('Hãy nêu lý do cho quyết định này.').waitFor();
  await official.getByLabel('Lý do').fill(reasons);
  await official.getByLabel('Việc sẽ làm').fill('Lắp 2 vòi nước uống ở công viên Phường 9');
  await official.getByLabel('Người hoặc bộ phận phụ trách').fill('Ban quản lý dự án Phường 9');
  await official.getByLabel('Hạn hoàn thành').fill('2027-06-30');
  await official.getByRole('button', { name: 'Gửi trả lời' }).click();
  await official.getByRole('heading', { name: 'Trả lời của cơ quan' }).waitFor();
  check(await statusOf(official) === 'Cơ quan đã trả lời', 'answered');
  check((await official.locator('main .decision').textContent()) === 'Chấp nhận một phần', 'the decision shows');
  check((await official.locator('main table', { hasText: 'Lắp 2 vòi nước' }).textContent()).includes('Đã lên kế hoạch'), 'the commitment is planned');

  // The Youth Union reads the answer, writes the feedback for all ages and reports back.
  await go(moderator, `/recommendations/${recId}`);
  check((await moderator.locator('main .decision').textContent()) === 'Chấp nhận một phần' && await counted(moderator.getByText(reasons), 1),
    'the Youth Union sees the answer and its reasons');
  const feedback = {
    you_said: 'Các em muốn có ghế đá và nước uống ở công viên.',
    we_did: 'Phường sẽ lắp 2 vòi nước uống trước tháng 7.',
    why: 'Ghế đá cần thêm tiền, phường sẽ xin vào năm sau.',
    what_next: 'Đoàn Thanh niên sẽ báo các em khi vòi nước được lắp.',
  };
  await writeFeedback(moderator, feedback);
  await moderator.getByRole('button', { name: 'Báo lại cho các em' }).click();
  await moderator.getByRole('button', { name: 'Kết thúc kiến nghị' }).waitFor();
  check(await statusOf(moderator) === 'Đã báo lại cho các em', 'reported back');

  // The pupil reads what happened, in their band's words, and disagrees.
  await go(pupil, '/pupil/ideas');
  const card = pupil.locator('li.card', { hasText: idea });
  const outcome = card.locator('.outcome');
  await outcome.waitFor();
  const told = await outcome.textContent();
  check(told.includes('Ủy ban nhân dân Phường 9 đã trả lời:') && told.includes('Đồng ý một phần'), `the pupil sees the answer: ${told}`);
  for (const text of Object.values(feedback)) check(told.includes(text), `the pupil reads "${text}"`);
  check(told.includes('Em đã nói') && told.includes('Người lớn đã làm') && told.includes('Vì sao') && told.includes('Tiếp theo'),
    'the feedback is laid out as You said / We did / Why / What next');
  const queueBefore = (await apiGet(moderator, '/moderation/queues/normal/items?limit=100')).items.length;
  await outcome.getByLabel('Em muốn nói thêm (không bắt buộc)').fill('Em muốn có ghế đá ngay năm nay ạ.');
  await outcome.getByRole('button', { name: 'Em không đồng ý' }).click();
  await pupil.locator('li.card', { hasText: idea }).locator('.my-reaction').waitFor();
  check((await pupil.locator('li.card', { hasText: idea }).locator('.my-reaction').textContent()).includes('em không đồng ý'),
    'the pupil is told the disagreement was sent');
  check(await counted(pupil.locator('li.card', { hasText: idea }).getByRole('button', { name: 'Em không đồng ý' }), 0), 'one reaction per answer');

  // The disagreement lands: counted on the recommendation, and waiting in the moderation queue.
  await go(moderator, `/recommendations/${recId}`);
  check((await moderator.locator('[data-kind="disagree"]').textContent()) === 'Không đồng ý: 1', 'the Youth Union sees one disagreement');
  const queueAfter = (await apiGet(moderator, '/moderation/queues/normal/items?limit=100')).items.length;
  check(queueAfter === queueBefore + 1, `the child's words wait for a moderator (${queueBefore} → ${queueAfter})`);
  await moderator.getByRole('button', { name: 'Kết thúc kiến nghị' }).click();
  await moderator.waitForFunction(() => (document.querySelector('main .rec-status') || {}).textContent === 'Đã kết thúc');
  await settled(moderator);

  // The public tracker of the ward shows it, answer and feedback included.
  const [tracker] = await Promise.all([moderator.waitForEvent('popup'), moderator.getByRole('link', { name: 'Trang theo dõi công khai' }).click()]);
  await tracker.locator('.tracker-item', { hasText: title }).waitFor();
  check((await tracker.locator('.tracker-item', { hasText: title }).textContent()).includes(feedback.we_did), 'the public tracker carries the feedback');
  await tracker.close();

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
