// A parent or guardian, with the code on the slip the teacher sent home: first the page names
// the child the code is for and says what they would agree to; then agreeing, not agreeing (or
// withdrawing) and downloading the child's data are each one button. Each code works once for
// each of these.
import { h, field, clear } from '../dom.js';
import { t, pick } from '../i18n.js';
import { post } from '../api.js';
import { form, statusArea, showMessage, errorMessage } from '../ui.js';

const PARTS = ['collected', 'why', 'how_long', 'who_sees', 'withdraw'];

export function render({ main }) {
  main.append(h('h1', {}, t('guardian.title')), h('p', { class: 'lead' }, t('guardian.lead')));
  const code = field(t('guardian.code'), 'text', { name: 'code', autocomplete: 'off', required: true, hint: t('guardian.code_hint') });
  const about = h('div', { class: 'guardian-child' });
  const done = h('div', { role: 'status' });
  const say = (text) => { clear(done); done.append(h('p', { class: 'message message-ok' }, text)); };
  const typed = () => ({ code: code.input.value.trim() });

  // One action, one button; its outcome (or why it failed) is said under the buttons.
  const act = (label, cls, run) => {
    const area = statusArea('alert');
    const b = h('button', { type: 'button', class: cls }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      showMessage(area, '');
      try { await run(); } catch (e) { showMessage(area, errorMessage(e), 'error'); } finally { b.disabled = false; }
    });
    b.area = area;
    return b;
  };

  function show(child) {
    clear(about);
    clear(done);
    const text = h('dl', { class: 'consent-parts' });
    const parts = Object.fromEntries(child.consent_text.parts.map((p) => [p.key, p]));
    for (const key of PARTS) {
      if (parts[key]) text.append(h('dt', {}, t(`guardian.part.${key}`)), h('dd', {}, pick(parts[key])));
    }
    const agree = act(t('guardian.consent'), '', async () => {
      await post('/guardian/consent', typed());
      say(t('guardian.consented', { name: child.pseudonym }));
    });
    const refuse = act(t('guardian.refuse'), 'secondary', async () => {
      await post('/guardian/withdraw', typed());
      say(t('guardian.refused', { name: child.pseudonym }));
    });
    const data = act(t('guardian.download'), 'secondary', async () => {
      const copy = await post('/guardian/data', typed());
      const url = URL.createObjectURL(new Blob([JSON.stringify(copy, null, 2)], { type: 'application/json' }));
      clear(done);
      done.append(h('p', {}, t('guardian.data_ready')),
        h('a', { href: url, download: 'lang-nghe-child-data.json', class: 'button' }, t('guardian.save_file')));
    });
    about.append(
      h('section', { 'aria-labelledby': 'guardian-child-title', class: 'card' },
        h('h2', { id: 'guardian-child-title' }, t('guardian.child_title')),
        h('p', { class: 'child-named' }, t('guardian.child', { name: child.pseudonym, class: child.class, school: child.school })),
        h('h3', {}, t('guardian.agree_title')),
        text,
        h('div', { class: 'actions' }, agree, refuse),
        agree.area, refuse.area,
        h('p', { class: 'hint' }, t('guardian.refuse_hint'))),
      h('section', { 'aria-labelledby': 'guardian-data-title' },
        h('h2', { id: 'guardian-data-title' }, t('guardian.data_title')),
        h('p', {}, t('guardian.data_lead')),
        h('div', { class: 'actions' }, data), data.area));
  }

  main.append(form({ 'aria-label': t('guardian.title') }, [
    code.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('guardian.find'))),
  ], async () => {
    clear(about);
    clear(done);
    if (!typed().code) throw new Error(t('guardian.code_missing'));
    show(await post('/guardian/child', typed()));
    about.querySelector('h2').setAttribute('tabindex', '-1');
    about.querySelector('h2').focus();
  }), about, done, h('p', {}, t('guardian.help')));
  return t('guardian.title');
}
