// A class's guardian slips to print and send home, one per child whose guardian has not
// answered yet: what Lắng Nghe is, what the guardian agrees to, the child's own guardian code,
// and how to answer online or on the paper itself (print.css keeps only the slips). Codes are
// made when the facilitator asks for the slips, never just by opening the page.
import { h, clear } from '../dom.js';
import { t, formatDate, pick } from '../i18n.js';
import { get, post } from '../api.js';
import { button, statusArea } from '../ui.js';

const PARTS = ['collected', 'why', 'how_long', 'who_sees', 'withdraw'];

function slip(k, school, p, made, text) {
  const site = `${location.origin}/#/guardian`;
  const until = formatDate(new Date(Date.now() + made.valid_days * 86400000).toISOString());
  return h('li', { class: 'join-card guardian-slip' },
    h('p', {}, h('strong', {}, t('slips.heading')), ' — ', t('slips.for', { name: p.pseudonym, class: k.name, school })),
    h('p', {}, t('slips.what')),
    h('dl', { class: 'consent-parts' }, PARTS.filter((key) => text[key]).map((key) =>
      [h('dt', {}, t(`guardian.part.${key}`)), h('dd', {}, pick(text[key]))])),
    h('p', {}, t('slips.code_label')),
    h('p', { class: 'code' }, made.code),
    h('p', {}, t('slips.online', { site, date: until })),
    h('p', {}, t('slips.paper')),
    h('p', { class: 'slip-boxes' }, t('slips.boxes')),
    h('p', {}, t('slips.sign')));
}

export async function render({ main, params }) {
  const id = encodeURIComponent(params.id);
  const [k, { items: pupils }, consentText] = await Promise.all([
    get(`/classes/${id}`), get(`/classes/${id}/pupils`), get('/guardian/consent-text')]);
  const school = await get(`/schools/${encodeURIComponent(k.school_id)}`).then((s) => s.name).catch(() => '');
  const title = t('slips.title', { name: k.name });
  const waiting = pupils.filter((p) => !(p.consent || {}).guardian)
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym, 'vi'));
  const text = Object.fromEntries(consentText.parts.map((p) => [p.key, p]));
  const area = statusArea('alert');
  const slips = h('ul', { class: 'join-cards guardian-slips', 'aria-label': title });
  const printButton = h('button', { type: 'button', hidden: true, onclick: () => window.print() }, t('cards.print'));
  main.append(h('h1', { class: 'no-print' }, title),
    h('p', { class: 'no-print' }, waiting.length ? t('slips.lead', { n: waiting.length }) : t('slips.none')),
    h('div', { class: 'actions' },
      waiting.length ? button(t('slips.make'), async () => {
        clear(slips);
        for (const p of waiting) {
          const made = await post(`/pupils/${encodeURIComponent(p.id)}/guardian-codes`);
          slips.append(slip(k, school, p, made, text));
        }
        printButton.hidden = false;
        printButton.focus();
      }, { area }) : null,
      printButton,
      h('a', { class: 'button secondary', href: `#/classes/${id}` }, t('cards.back'))),
    area, slips);
  return title;
}
