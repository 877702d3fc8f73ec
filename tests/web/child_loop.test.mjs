// The loop closed for a child, only through the pages: a moderator returns an idea with a reason
// and a note; the child reads both on a phone, changes the idea and sends it again; the moderator
// approves it. The Youth Union compiles it with another idea of the child's and one of another
// child's into a recommendation (gathered from the moderation page, ticked in the ward's list),
// forwards it (the letter prints), the official acknowledges and answers in part with reasons and
// a commitment, the Youth Union writes the feedback and reports back. The child sees the unread
// count in the header, opens the notification and finds ONE "You said / We did" block for the two
// ideas, and asks a question; the other child disagrees; the recommendation counts both without
// showing a group of fewer than 5 as a number; a moderator approves the question's words; the
// Youth Union answers it on "Children's questions" (a reply with a phone number is refused first);
// the child is notified and reads the answer beside the answer. Closed, the public tracker shows it.
// Every page touched passes axe-core in Vietnamese and English, on a phone and a desktop; the
// screenshots are kept in the artifacts folder (child-loop-*.png).
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, signInPupil, axe, writeFeedback, artifactsDir, check, PHONE, DESKTOP, shows, counted, screenshotFailures } from './support.mjs';

const server = await startServer();
// A GET through a page's own session (its cookie), as the page itself would: only to learn ids.
const apiGet = (page, url) => page.evaluate(async (u) => (await fetch(`/api/v1${u}`)).json(), url);
const statusOf = async (page) => (await page.locator('main .rec-status').first().textContent()).trim();
const browser = await launchBrowser();
const pages = [];
const shots = [];

// axe-core on the page as it is, in both languages and at both sizes, with a screenshot of each.
async function sweep(page, name) {
  const size = page.viewportSize();
  for (const lang of ['vi', 'en']) {
    for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      await page.setViewportSize(viewport);
      await page.evaluate((l) => localStorage.setItem('langnghe.lang', l), lang);
      await page.reload();
      await settled(page);
      const violations = await axe(page);
      check(violations.length === 0, `${name} (${lang}, ${label}): ${JSON.stringify(violations, null, 1)}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= viewport.width, `${name} (${lang}, ${label}) is ${wide}px wide`);
      const file = path.join(artifactsDir(), `child-loop-${name}-${lang}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    }
  }
  await page.evaluate(() => localStorage.setItem('langnghe.lang', 'vi'));
  await page.setViewportSize(size);
  await page.reload();
  await settled(page);
}

try {
  // The child (11, both consents) on a phone sends an idea.
  const child = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(child);
  await signInPupil(child, 'meo-xanh-2024');
  await go(child, '/pupil/idea');
  const first = 'Em muốn cái đó ở chỗ kia.';
  await child.getByLabel('Điều em muốn nói', { exact: true }).fill(first);
  await child.getByRole('button', { name: 'Gửi', exact: true }).click();
  await child.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  const ideaId = (await apiGet(child, '/submissions?limit=100')).items.find((s) => s.text === first).id;

  // The moderator returns it: not clear yet, with a note.
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');
  await go(moderator, `/moderation/items/${ideaId}`);
  await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
  await moderator.getByLabel('Gửi lại để em sửa').check();
  await moderator.getByLabel('Lý do', { exact: true }).selectOption('unclear');
  const note = 'Em muốn có gì, ở đâu? Em viết rõ hơn nhé.';
  await moderator.getByLabel('Ghi chú cho em (không bắt buộc)').fill(note);
  await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
  await moderator.getByText('Đã lưu: Gửi lại để em sửa.').waitFor();

  // The child reads why and the note, on the phone; the timeline says where it stopped.
  await go(child, '/pupil/ideas');
  const card = child.locator('li.card', { hasText: first });
  await card.locator('.returned-box').waitFor();
  const told = await card.locator('.returned-box').textContent();
  check(told.includes('Người lớn chưa hiểu rõ ý của em') && told.includes(note), `the child reads the reason and the note: ${told}`);
  check((await card.locator('.timeline [aria-current="step"]').textContent()).includes('Người lớn gửi lại để em sửa'), 'the timeline stops at "sent back"');
  await sweep(child, 'returned');
  const changed = 'Em muốn có thêm đèn ở đầu hẻm 12 gần trường.';
  await card.getByLabel('Ý kiến đã sửa').fill(changed);
  await card.getByRole('button', { name: 'Gửi lại' }).click();
  const resent = child.locator('li.card', { hasText: changed });
  await resent.locator('.timeline').waitFor();
  check((await resent.getAttribute('data-status')) === 'queued', 'the changed idea waits for a moderator again');
  check((await resent.locator('details.earlier').textContent()).includes(first), 'the earlier text is kept');
  check(await counted(resent.locator('.returned-box'), 0), 'no edit form once it is sent again');

  // The moderator approves the changed idea.
  await go(moderator, `/moderation/items/${ideaId}`);
  check((await moderator.getByTestId('child-text').textContent()).includes(changed), 'the moderator reads the new text');
  await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
  await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
  await moderator.getByText('Đã lưu: Duyệt.').waitFor();

  // Two more ideas, through the pages: the child's second, and one of Cá Heo Vàng's (13).
  const second = 'Hẻm 12 tối quá, chúng em đi học về sợ lắm.';
  await go(child, '/pupil/idea');
  await child.getByLabel('Điều em muốn nói', { exact: true }).fill(second);
  await child.getByRole('button', { name: 'Gửi', exact: true }).click();
  await child.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  const friend = await newPage(browser, server.url, { viewport: PHONE });
  pages.push(friend);
  await signInPupil(friend, 'caheo-vang-2025');
  await go(friend, '/pupil/idea');
  const third = 'Đầu hẻm 12 không có đèn, tối đi học thêm về rất sợ.';
  await friend.getByLabel('Điều em muốn nói', { exact: true }).fill(third);
  await friend.getByRole('button', { name: 'Gửi', exact: true }).click();
  await friend.getByRole('heading', { name: 'Đã gửi! Cảm ơn em.' }).waitFor();
  const secondId = (await apiGet(child, '/submissions?limit=100')).items.find((s) => s.text === second).id;
  const thirdId = (await apiGet(friend, '/submissions?limit=100')).items.find((s) => s.text === third).id;

  // The Youth Union approves them, gathers the changed idea from its page (approved above), and compiles the
  // recommendation ticking the two others in the ward's list of approved ideas.
  for (const id of [secondId, thirdId]) {
    await go(moderator, `/moderation/items/${id}`);
    await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
    await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
    await moderator.getByText('Đã lưu: Duyệt.').waitFor();
  }
  await go(moderator, `/moderation/items/${ideaId}`);
  await moderator.getByRole('button', { name: 'Thêm vào kiến nghị' }).click();
  await moderator.getByText('Đã gom 1 ý kiến.').waitFor();
  await moderator.getByRole('link', { name: 'Soạn kiến nghị' }).click();
  await settled(moderator);
  check((await moderator.getByLabel('Đơn vị').locator('option:checked').textContent()) === 'Phường 9', 'the ideas\' own ward is chosen');
  const gatheredBox = moderator.getByRole('checkbox', { name: changed });
  check(await gatheredBox.isChecked() && await gatheredBox.isDisabled(), 'the gathered idea is ticked in the list');
  for (const text of [second, third]) {
    const box = moderator.getByRole('checkbox', { name: text });
    check(!(await box.isChecked()), `"${text}" waits to be ticked`);
    await box.check();
  }
  const title = 'Đèn cho hẻm 12';
  await moderator.getByLabel('Tên kiến nghị').fill(title);
  await moderator.getByLabel('Nội dung kiến nghị').fill('Các em đề nghị lắp đèn ở hẻm 12, đường đi học.');
  await moderator.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await moderator.getByRole('heading', { name: title, level: 1 }).waitFor();
  await settled(moderator);
  check(await statusOf(moderator) === 'Bản nháp', `a new recommendation is a draft, not ${await statusOf(moderator)}`);
  const recId = decodeURIComponent(moderator.url().split('/').pop());
  const quoted = await moderator.locator('main ul.quotes').textContent();
  check([changed, second, third].every((x) => quoted.includes(x)), 'the recommendation quotes the three ideas');

  // Forwarded to the ward People's Committee with a dispatch number; the letter prints.
  await moderator.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Ủy ban nhân dân Phường 9' });
  check(await counted(moderator.getByText('Để trống: theo thời hạn của cơ quan này, 30 ngày làm việc.'), 1), 'the authority\'s own due days are named');
  await moderator.getByLabel('Số công văn').fill('31/ĐTN-KN');
  await moderator.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await moderator.getByRole('link', { name: 'Công văn chuyển kiến nghị' }).waitFor();
  check(await statusOf(moderator) === 'Đã gửi cơ quan', 'the recommendation is forwarded');
  // 30 working days from the dispatch date (29 left when the server's day is already tomorrow).
  check(/Hạn .+ \(còn (29|30) ngày làm việc\)/.test(await moderator.locator('main dl.meta').first().textContent()), 'the due date counts 30 working days');
  const [letter] = await Promise.all([moderator.waitForEvent('popup'), moderator.getByRole('link', { name: 'Công văn chuyển kiến nghị' }).click()]);
  await letter.waitForLoadState();
  const letterText = await letter.locator('body').textContent();
  check(letterText.includes('Kính gửi: Ủy ban nhân dân Phường 9') && letterText.includes('31/ĐTN-KN') && letterText.includes(second),
    'the forwarding letter names the authority, the dispatch number and quotes the children');
  await letter.close();
  await go(moderator, '/recommendations');
  check(await counted(moderator.locator('[data-group="forwarded"] .rec-card', { hasText: title }), 1), 'the board lists it under "forwarded"');
  const late = moderator.locator('[data-group="overdue"] .rec-card').first();
  check((await late.locator('.badge-late').textContent()).includes('Quá hạn'), 'an overdue item says so in words, not only by colour');

  // The official acknowledges and answers in their pages: partly accepted, reasons, a commitment.
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
  await official.getByRole('button', { name: 'Gửi trả lời' }).click();
  await official.getByText('Hãy nêu lý do cho quyết định này.').waitFor();
  const reasons = 'Phường lắp đèn ở đầu hẻm năm nay; cuối hẻm cần chờ kinh phí năm sau.';
  await official.getByLabel('Lý do').fill(reasons);
  await official.getByLabel('Việc sẽ làm').fill('Lắp 2 bóng đèn ở đầu hẻm 12');
  await official.getByLabel('Người hoặc bộ phận phụ trách').fill('Ban quản lý dự án Phường 9');
  await official.getByLabel('Hạn hoàn thành').fill('2027-06-30');
  await official.getByRole('button', { name: 'Gửi trả lời' }).click();
  await official.getByRole('heading', { name: 'Trả lời của cơ quan' }).waitFor();
  check(await statusOf(official) === 'Cơ quan đã trả lời', 'answered');
  check((await official.locator('main table', { hasText: 'Lắp 2 bóng đèn' }).textContent()).includes('Đã lên kế hoạch'), 'the commitment is planned');

  // The Youth Union reads the answer, writes the feedback and reports back, in the pages.
  await go(moderator, `/recommendations/${recId}`);
  check((await moderator.locator('main .decision').textContent()) === 'Chấp nhận một phần' && await counted(moderator.getByText(reasons), 1),
    'the Youth Union sees the answer and its reasons');
  const feedback = {
    you_said: 'Các em nói hẻm 12 tối, đi học về sợ.',
    we_did: 'Phường sẽ lắp hai bóng đèn ở đầu hẻm 12.',
    why: 'Cuối hẻm cần thêm tiền, phường sẽ xin vào năm sau.',
    what_next: 'Đèn sẽ sáng trước Tết.',
  };
  await writeFeedback(moderator, feedback);
  await moderator.getByRole('button', { name: 'Báo lại cho các em' }).click();
  await moderator.getByRole('button', { name: 'Kết thúc kiến nghị' }).waitFor();
  check(await statusOf(moderator) === 'Đã báo lại cho các em', 'reported back');

  // The child: the header counts the new notification; opening it marks it read and leads to
  // the answer, shown once for the two ideas.
  await go(child, '/pupil');
  const bell = child.locator('#notif-link');
  check(await shows(child.locator('#notif-link.has-unread')), 'the header shows an unread count');
  check((await bell.textContent()).includes('Thông báo: 1 mới'), `one new notification: ${await bell.textContent()}`);
  await bell.click();
  await settled(child);
  await child.getByRole('heading', { name: 'Thông báo của em' }).waitFor();
  await sweep(child, 'notifications');
  await child.locator('li.notification.unread').first().getByRole('link', { name: /Xem/ }).click();
  await child.waitForFunction(() => location.hash.startsWith('#/pupil/ideas'));
  await settled(child);
  await child.locator('.outcome').first().waitFor();
  check(await counted(child.locator('.outcome'), 1), 'one "You said / We did" block for two ideas in one recommendation');
  const block = child.locator('.outcome');
  const blockText = await block.textContent();
  for (const part of Object.values(feedback)) check(blockText.includes(part), `the child reads "${part}"`);
  check(blockText.includes('2 ý kiến của em nằm trong kiến nghị này'), 'the block says it answers both ideas');
  check(blockText.includes('Ủy ban nhân dân Phường 9 đã trả lời:') && blockText.includes('Đồng ý một phần'), `the child sees the answer: ${blockText}`);
  check(['Em đã nói', 'Người lớn đã làm', 'Vì sao', 'Tiếp theo'].every((x) => blockText.includes(x)),
    'the feedback is laid out as You said / We did / Why / What next');
  check(await shows(child.locator('.outcome-elsewhere a')), 'the other idea points to the same answer');
  check(!(await child.locator('#notif-link').textContent()).includes('mới'), 'the opened notification is no longer counted');
  check((await child.locator('li.card', { hasText: changed }).locator('.timeline').textContent()).includes('Ủy ban nhân dân Phường 9 trả lời'),
    'the timeline names who answered');
  await sweep(child, 'answered');

  // The child asks a question about the answer.
  const question = 'Bao giờ thì đèn được lắp ạ?';
  await block.getByLabel('Em muốn nói thêm (không bắt buộc)').fill(question);
  await block.getByRole('button', { name: 'Em có câu hỏi' }).click();
  await child.locator('.outcome .reaction-progress').waitFor();
  check((await child.locator('.outcome .reaction-progress').textContent()).includes('trước khi chuyển tới Đoàn Thanh niên'), 'the child is told the question is being checked');
  check(await counted(child.locator('li.card > p.idea-text', { hasText: question }), 0), 'the question is not listed as one more idea');
  check(await counted(child.getByRole('button', { name: 'Em có câu hỏi' }), 0), 'one reaction per recommendation');

  // Cá Heo Vàng does not agree, and says so; both children's words wait for a moderator.
  const queued = async () => (await apiGet(moderator, '/moderation/queues/normal/items?limit=200')).items.length;
  const queueBefore = await queued();
  await go(friend, '/pupil/ideas');
  const theirs = friend.locator('li.card', { hasText: third }).locator('.outcome');
  await theirs.waitFor();
  check((await theirs.textContent()).includes('Ủy ban nhân dân Phường 9 đã trả lời:'), 'the other child hears back too');
  await theirs.getByLabel('Em muốn nói thêm (không bắt buộc)').fill('Em muốn có đèn cả cuối hẻm ạ.');
  await theirs.getByRole('button', { name: 'Em không đồng ý' }).click();
  const toldThem = friend.locator('li.card', { hasText: third }).locator('.my-reaction');
  await toldThem.waitFor();
  check((await toldThem.textContent()).includes('em không đồng ý'), 'the child is told the disagreement was sent');
  check(await counted(friend.locator('li.card', { hasText: third }).getByRole('button', { name: 'Em không đồng ý' }), 0), 'one reaction per answer');
  check(await queued() === queueBefore + 1, 'the disagreement waits for a moderator');
  // The recommendation counts the reactions, but never one or two children by their number.
  await go(moderator, `/recommendations/${recId}`);
  for (const [kind, word] of [['agree', 'Đồng ý: 0'], ['disagree', 'Không đồng ý: ẩn (dưới 5 em)'], ['question', 'Có câu hỏi: ẩn (dưới 5 em)']]) {
    check((await moderator.locator(`[data-kind="${kind}"]`).textContent()) === word, `the Youth Union reads "${word}"`);
  }
  await sweep(moderator, 'recommendation');

  // A moderator lets the question's words through, like any child's words.
  let asked = null;
  for (const queueName of ['normal', 'priority']) {
    for (const x of (await apiGet(moderator, `/moderation/queues/${queueName}/items?limit=200`)).items) {
      if ((await apiGet(moderator, `/moderation/items/${x.id}`)).text === question) asked = x;
    }
  }
  check(asked, 'the question waits in a moderation queue');
  await go(moderator, `/moderation/items/${asked.id}`);
  check(await shows(moderator.getByText('Câu hỏi của một em về câu trả lời cho kiến nghị', { exact: false })), 'the item says it is a question about an answer');
  check(await counted(moderator.getByText('feedback_reaction:question'), 0), 'no internal code shows');
  await sweep(moderator, 'moderation-item');
  await moderator.getByRole('button', { name: 'Nhận xử lý' }).click();
  await moderator.getByRole('button', { name: 'Lưu quyết định' }).click();
  await moderator.getByText('Đã lưu: Duyệt.').waitFor();

  // The Youth Union answers it on "Children's questions"; a phone number is refused first.
  await go(moderator, '/moderation');
  await moderator.getByRole('link', { name: 'Câu hỏi của các em' }).click();
  await settled(moderator);
  const open = moderator.locator('li.card', { hasText: question });
  await open.waitFor();
  check((await open.getByRole('link').textContent()) === title, 'the question names its recommendation');
  await sweep(moderator, 'questions');
  await open.getByLabel('Câu trả lời cho em').fill('Em gọi chị Hoa số 0912345678 để hỏi thêm nhé.');
  await open.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await open.getByText('Câu trả lời này chưa thể gửi cho em').waitFor();
  const reply = 'Phường sẽ lắp đèn trong tháng này. Cảm ơn em đã hỏi!';
  await open.getByLabel('Câu trả lời cho em').fill(reply);
  await open.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await moderator.getByText('Không có câu hỏi nào đang chờ trả lời.').waitFor();

  // The child is notified and reads the answer beside the answer.
  await go(child, '/pupil/ideas');
  check(await shows(child.locator('#notif-link.has-unread')), 'the header counts the reply');
  await child.locator('#notif-link').click();
  await settled(child);
  await child.locator('li.notification.unread', { hasText: 'Đoàn Thanh niên đã trả lời câu hỏi của em' }).getByRole('link').click();
  await child.waitForFunction(() => location.hash.includes('answer='));
  await settled(child);
  const answered = child.locator('.outcome [data-testid="reply"]');
  await answered.waitFor();
  check((await answered.textContent()).includes(reply), 'the child reads the Youth Union\'s reply');
  check(await counted(child.locator('.outcome'), 1), 'still one answer block');
  await sweep(child, 'reply');

  // The Youth Union closes it; the public tracker carries the answer, the feedback and the
  // children's reactions — too few to show as numbers.
  await go(moderator, `/recommendations/${recId}`);
  await moderator.getByRole('button', { name: 'Kết thúc kiến nghị' }).click();
  await moderator.waitForFunction(() => (document.querySelector('main .rec-status') || {}).textContent === 'Đã kết thúc');
  await settled(moderator);
  const [tracker] = await Promise.all([moderator.waitForEvent('popup'), moderator.getByRole('link', { name: 'Trang theo dõi công khai' }).click()]);
  const item = tracker.locator('.tracker-item', { hasText: title });
  await item.waitFor();
  check((await item.textContent()).includes(feedback.we_did), 'the public tracker carries the feedback');
  check((await item.locator('[data-kind="disagree"]').textContent()).startsWith('ẩn (dưới 5 em'), 'one disagreement is not shown as a number');
  check((await item.locator('[data-kind="agree"]').textContent()) === '0', 'nobody agreed yet');
  await sweep(tracker, 'tracker');
  await tracker.close();

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log(`child loop: ok (${shots.length} screenshots in ${artifactsDir()})`);
} catch (e) {
  await screenshotFailures(pages, 'child-loop');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
