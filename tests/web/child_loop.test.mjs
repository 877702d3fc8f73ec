// The loop closed for a child, in the pages: a moderator returns an idea with a reason and a
// note; the child reads both on a phone, changes the idea and sends it again; the moderator
// approves it. The recommendation holding it and another idea of the child's is answered and
// reported back; the child sees the unread count in the header, opens the notification and finds
// ONE "You said / We did" block for the two ideas; asks a question; a moderator approves the
// question's words; the Youth Union answers it on "Children's questions" (a reply with a phone
// number is refused first); the child is notified and reads the answer beside the answer.
// Every page touched passes axe-core in Vietnamese and English, on a phone and a desktop; the
// screenshots are kept in the artifacts folder (child-loop-*.png).
import path from 'node:path';
import { startServer, launchBrowser, newPage, go, settled, signInAdult, signInPupil, axe, apiCaller, writeFeedback, artifactsDir, check, PHONE, DESKTOP, PASSWORD, shows, counted, screenshotFailures } from './support.mjs';

const server = await startServer();
const call = apiCaller(server.url);
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
  const childToken = (await call('POST', '/pupils/sign-in', null, { code: 'meo-xanh-2024' })).token;
  const ideaId = (await call('GET', '/submissions?limit=100', childToken)).items.find((s) => s.text === first).id;

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

  // Set up through the API: a second approved idea of the child's, and the recommendation holding
  // both, forwarded and answered by the ward People's Committee. Compiling is being reworked on
  // another branch (drafts kept on the server) and the official's pages are walked through in
  // council_path; this test is about what comes back to the child.
  const moderatorToken = (await call('POST', '/auth/login', null, { username: 'moderator', password: PASSWORD })).token;
  const officialToken = (await call('POST', '/auth/login', null, { username: 'official', password: PASSWORD })).token;
  const second = await call('POST', '/submissions', childToken, { kind: 'idea', text: 'Hẻm 12 tối quá, chúng em đi học về sợ lắm.' });
  const claim = await call('POST', `/moderation/items/${second.id}/claim`, moderatorToken);
  await call('POST', `/moderation/items/${second.id}/decision`, moderatorToken, { decision: 'approve', version: claim.version });
  const ward = (await call('GET', '/units?limit=200', moderatorToken)).items.find((u) => u.code === 'HCM-PN-P9').id;
  const committee = (await call('GET', '/authorities?limit=200', moderatorToken)).items.find((a) => a.code === 'UBND-P9').id;
  const title = 'Đèn cho hẻm 12';
  const rec = await call('POST', '/recommendations', moderatorToken, {
    title, text: 'Các em đề nghị lắp đèn ở hẻm 12, đường đi học.', unit_id: ward, submission_ids: [ideaId, second.id],
  });
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  await call('POST', `/recommendations/${rec.id}/forward`, moderatorToken, { authority_id: committee, dispatch_number: '31/ĐTN-KN', dispatch_date: today });
  await call('POST', `/recommendations/${rec.id}/acknowledge`, officialToken);
  await call('POST', `/recommendations/${rec.id}/answer`, officialToken, { decision: 'accepted' });

  // The Youth Union writes the feedback and reports back, in the pages.
  await go(moderator, `/recommendations/${rec.id}`);
  const feedback = {
    you_said: 'Các em nói hẻm 12 tối, đi học về sợ.',
    we_did: 'Phường sẽ lắp hai bóng đèn ở hẻm 12.',
    why: 'Để các em đi học an toàn hơn.',
    what_next: 'Đèn sẽ sáng trước Tết.',
  };
  await writeFeedback(moderator, feedback);
  await moderator.getByRole('button', { name: 'Báo lại cho các em' }).click();
  await moderator.getByRole('button', { name: 'Kết thúc kiến nghị' }).waitFor();

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

  // A moderator lets the question's words through, like any child's words.
  let asked = null;
  for (const queueName of ['normal', 'priority']) {
    for (const x of (await call('GET', `/moderation/queues/${queueName}/items?limit=200`, moderatorToken)).items) {
      if ((await call('GET', `/moderation/items/${x.id}`, moderatorToken)).text === question) asked = x;
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

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log(`child loop: ok (${shots.length} screenshots in ${artifactsDir()})`);
} catch (e) {
  await screenshotFailures(pages, 'child-loop');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
