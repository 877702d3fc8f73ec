// Moderation and safeguarding in the browser: a moderator hides a phone number by selecting it
// in the text and approves the rest; a safeguarding lead acknowledges a possible disclosure,
// records a referral, reveals the identity with a reason and proposes "no concern", which only
// a second lead can confirm. The English pages are used here (the golden path is Vietnamese).
// A child who takes back a possible disclosure is told, in one voice, that no one else will read
// it but the safeguarding adult still can, and the lead's case page says the child asked.
import { startServer, launchBrowser, newPage, go, settled, signInAdult, check, DESKTOP, shows, screenshotFailures, counted } from './support.mjs';

const server = await startServer();
async function call(method, url, token, body) {
  const response = await fetch(`${server.url}/api/v1${url}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}
const pupil = (await call('POST', '/pupils/sign-in', null, { code: 'caheo-vang-2025' })).token;
const phone = await call('POST', '/submissions', pupil, { kind: 'idea', text: 'Số của em là 0912345678, xin lắp thêm đèn ở hẻm.' });
const harm = await call('POST', '/submissions', pupil, { kind: 'opinion', text: 'Bố em hay đánh em đau lắm' });
// Typed without diacritics, "ngu" here is "ngủ" (sleep): the screener holds the rude reading back.
const SLEEP = 'de nghi truong cho tui em nghi trua lau hon, hom qua em ngu mot giac tu trua den toi';
const sleep = await call('POST', '/submissions', pupil, { kind: 'idea', text: SLEEP });
const TAKEN_BACK = 'Chú hàng xóm hay đánh em, em sợ lắm';
const second_child = (await call('POST', '/pupils/sign-in', null, { code: 'meo-xanh-2024' })).token;
const harm2 = await call('POST', '/submissions', second_child, { kind: 'opinion', text: TAKEN_BACK });
const browser = await launchBrowser();
const pages = [];
try {
  // The moderator hides the number by selecting it with the mouse, then approves.
  const moderator = await newPage(browser, server.url, { viewport: DESKTOP, lang: 'en' });
  pages.push(moderator);
  await signInAdult(moderator, 'moderator');
  const priority = moderator.locator('[data-queue="priority"]');
  check((await priority.locator('.queue-count').textContent()).startsWith('1 '), 'the priority queue holds the idea with a number');
  await go(moderator, `/moderation/items/${phone.id}`);
  check(!(await moderator.getByTestId('child-text').isVisible()), 'text marked by the screener stays collapsed until asked');
  await moderator.getByRole('button', { name: 'Show the text' }).click();
  const marked = moderator.locator('[data-testid="child-text"] mark');
  check(await counted(marked, 1) && (await marked.textContent()).includes('0912345678'), 'the screener\'s span is highlighted with <mark>');
  check((await marked.textContent()).includes('personal information'), 'the mark says what it is, not only by colour');
  await moderator.getByRole('button', { name: 'Claim' }).click();
  await moderator.getByText(/You have this item until/).waitFor();
  await moderator.getByLabel('Approve with parts hidden').check();
  await moderator.locator('[data-testid="child-text"] mark span[data-start]').selectText();
  await moderator.getByRole('button', { name: 'Hide the selected words' }).click();
  check((await moderator.locator('.redacted-preview').textContent()) === '0912345678', 'the selection becomes the part to hide');
  await moderator.getByRole('button', { name: 'Save the decision' }).click();
  await moderator.getByText('Saved: Approve with parts hidden.').waitFor();
  const published = await moderator.getByTestId('published-text').textContent();
  check(published === 'Số của em là […], xin lắp thêm đèn ở hẻm.', `the number is hidden in what is published: ${published}`);
  check((await call('GET', `/submissions/${phone.id}`, pupil)).status === 'approved_redacted', 'the server recorded approve_redacted');

  // A word the screener doubted is marked with what it might be, and a hint says why it was held.
  await go(moderator, `/moderation/items/${sleep.id}`);
  check(await shows(moderator.getByTestId('child-text')), 'a text with nothing but a doubted word is shown at once');
  const doubted = moderator.locator('[data-testid="child-text"] mark');
  check(await counted(doubted, 1) && (await doubted.textContent()).startsWith('ngu'), 'the doubted word is marked');
  check((await doubted.textContent()).includes('possibly rude (the screener is unsure)'), 'the mark says it may be rude, not harm');
  check(await shows(moderator.getByTestId('held-rude-hint')), 'the hint explains words that are everyday words without diacritics');
  check(await counted(moderator.getByTestId('held-hint'), 0), 'no hint about harm');

  // Safeguarding lead 1: acknowledge, refer, reveal with a reason, propose no concern.
  const lead = await newPage(browser, server.url, { viewport: DESKTOP, lang: 'en' });
  pages.push(lead);
  await signInAdult(lead, 'safeguarding');
  check(lead.url().endsWith('#/safeguarding'), 'a safeguarding lead lands on the cases');
  check(await shows(lead.getByText(/left \(until/).first()), 'the acknowledgement timer shows the time left');
  await go(lead, `/safeguarding/cases/${harm.id}`);
  await lead.getByRole('button', { name: 'Acknowledge' }).click();
  await lead.getByText(/Acknowledged at/).first().waitFor();
  await settled(lead);
  await lead.getByLabel('Action', { exact: true }).selectOption('referral_111');
  await lead.getByLabel('Reference').fill('111-2026-0042');
  await lead.getByRole('button', { name: 'Save the action' }).click();
  await lead.getByRole('cell', { name: '111-2026-0042' }).waitFor();
  await settled(lead);
  await lead.getByLabel('Reason', { exact: true }).fill('Needed to tell the school counsellor which child to support.');
  await lead.getByRole('button', { name: 'Reveal the identity' }).click();
  await lead.getByRole('heading', { name: 'Identity', exact: true }).waitFor();
  check(/\d{4}-\d{2}-\d{2}/.test(await lead.locator('.card dl').textContent()), 'the revealed identity shows the date of birth');
  await lead.getByLabel('Outcome').selectOption('no_concern');
  await lead.getByLabel('Reason:').fill('The child was talking about a film they watched.');
  await lead.getByRole('button', { name: 'Close the case' }).click();
  await lead.getByText('You proposed it; another safeguarding lead must confirm.').waitFor();
  check(await counted(lead.getByRole('button', { name: /Confirm closing/ }), 0), 'the proposer cannot confirm');

  // Safeguarding lead 2 sees the reveal and confirms.
  const second = await newPage(browser, server.url, { viewport: DESKTOP, lang: 'en' });
  pages.push(second);
  await signInAdult(second, 'safeguarding2');
  await go(second, `/safeguarding/cases/${harm.id}`);
  check(await shows(second.getByRole('cell', { name: 'Another lead' })), 'the other lead sees that the identity was revealed');
  await second.getByRole('button', { name: 'Confirm closing (second lead)' }).click();
  await second.getByText(/Closed \(No concern/).waitFor();

  // The child takes the second text back on "Ý kiến của em" (Vietnamese, as children see it).
  const child = await newPage(browser, server.url, { viewport: DESKTOP });
  pages.push(child);
  await go(child, '/pupil-sign-in');
  await child.locator('main input').first().fill('meo-xanh-2024');
  await child.locator('main form button[type=submit]').click();
  await child.waitForFunction(() => location.hash === '#/pupil');
  await go(child, '/pupil/ideas');
  const card = child.locator('li.card', { hasText: TAKEN_BACK });
  let asked = '';
  child.once('dialog', (d) => { asked = d.message(); });  // newPage accepts every dialog
  await card.getByRole('button', { name: 'Rút lại ý kiến này' }).click();
  await child.locator('li.card[data-status="withdrawal_requested"]', { hasText: TAKEN_BACK }).waitFor();
  check(asked.includes('vẫn có thể đọc'), `before taking it back the child is told who still reads it: ${asked}`);
  const words = await child.locator('li.card', { hasText: TAKEN_BACK }).textContent();
  check(words.includes('Không ai khác sẽ đọc') && words.includes('người lớn phụ trách bảo vệ trẻ em vẫn có thể đọc'),
    `the card says no one else reads it but the safeguarding adult still can: ${words}`);
  check(!words.includes('sẽ đọc điều em viết'), `the card never also says an adult "will read" it: ${words}`);
  check(await counted(child.locator('li.card', { hasText: TAKEN_BACK }).getByRole('button', { name: 'Rút lại ý kiến này' }), 0),
    'nothing more to take back');

  // The lead still has the case, and its page says in words that the child asked.
  await go(lead, '/safeguarding');
  check(await shows(lead.locator('tr', { hasText: 'The child asked to take it back' })), 'the case list marks the request');
  await go(lead, `/safeguarding/cases/${harm2.id}`);
  const notice = lead.locator('#withdrawal-request');
  check(await shows(notice), 'the case page shows the child\'s request');
  check((await notice.textContent()).includes('only safeguarding leads can still read it'), 'and says who still reads it');

  for (const p of pages) check(p.errors.length === 0, `no script or CSP errors: ${p.errors.join(' | ')}`);
  console.log('moderation and safeguarding: ok');
} catch (e) {
  await screenshotFailures(pages, 'moderation');
  throw e;
} finally {
  await browser.close();
  await server.stop();
}
