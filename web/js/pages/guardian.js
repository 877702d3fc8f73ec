// A parent or guardian, with the one-use code the teacher gave them: consent for their child,
// withdraw it, or download the child's data.
import { h, field, clear } from '../dom.js';
import { t } from '../i18n.js';
import { post } from '../api.js';
import { form } from '../ui.js';

export function render({ main }) {
  main.append(h('h1', {}, t('guardian.title')), h('p', { class: 'lead' }, t('guardian.lead')));
  const code = field(t('guardian.code'), 'text', { name: 'code', autocomplete: 'off', required: true, hint: t('guardian.code_hint') });
  const done = h('div', { role: 'status' });
  const say = (text) => { clear(done); done.append(h('p', { class: 'message message-ok' }, text)); };
  let action = 'consent';
  const submit = (name, label, cls) => h('button', { type: 'submit', class: cls, onclick: () => { action = name; } }, label);
  main.append(form({ 'aria-label': t('guardian.title') }, [
    code.wrap,
    h('div', { class: 'actions' },
      submit('consent', t('guardian.consent'), ''),
      submit('data', t('guardian.download'), 'secondary'),
      submit('withdraw', t('guardian.withdraw'), 'danger')),
  ], async () => {
    const body = { code: code.input.value.trim() };
    if (action === 'consent') {
      await post('/guardian/consent', body);
      say(t('guardian.consented'));
    } else if (action === 'withdraw') {
      if (!window.confirm(t('guardian.withdraw_confirm'))) return;
      await post('/guardian/withdraw', body);
      say(t('guardian.withdrawn'));
    } else {
      const data = await post('/guardian/data', body);
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = h('a', { href: url, download: 'lang-nghe-child-data.json', class: 'button' }, t('guardian.save_file'));
      clear(done);
      done.append(h('p', {}, t('guardian.data_ready')), link);
    }
  }), done, h('p', {}, t('guardian.help')));
  return t('guardian.title');
}
